using NavusoftSync.BuildingBlocks.Email;
using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Runs.Planning;
using NavusoftSync.Synchronization.Tests.Providers.Infrastructure;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.Tests.Providers.Google;

/// <summary>
/// The whole-window Gmail read planned by contact address against the sandbox: exactly the window's messages with a
/// contact among their participants, each read once, the same historyId as a scan; a scan wherever a search would be unsafe.
/// </summary>
public sealed class GmailPlannedReadTests : ReaderTest
{
    private const string Carl = "carl.rivera@gmail.example";
    private const string Dana = "dana@northwind.example";
    private const string Finn = "finn@northwind.example";
    private const string Zoe = "zoe@westwind.example";
    private const string Erin = "erin@contoso.com";

    /// <summary>Dana, Finn, Zoe and 60 more: Dana and Zoe fall in different searches.</summary>
    private static readonly IReadOnlyList<string> Contacts =
        [Dana, Finn, Zoe, .. Enumerable.Range(0, 60).Select(i => $"filler.contact.{i:D2}@elsewhere.example")];

    private MailWindow Window(FirstSyncPlanMode mode, IReadOnlyList<string> contacts, bool complete = true) =>
        new(Now.AddDays(-14)) { Contacts = new FirstSyncContacts(mode, contacts, complete) };

    private async Task SeedAsync() =>
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Carl,
            Provider = SandboxProvider.Google,
            Messages =
            [
                Mail("From Dana", Dana, [Carl], Now.AddDays(-1)) with { Thread = "t-dana" },
                Mail("Reply from Erin in Dana's thread", Erin, [Carl], Now.AddHours(-20)) with { Thread = "t-dana" },
                Mail("To Dana, cased and named", Carl, [new SandboxAddress("DANA@Northwind.Example", "Dana Q")], Now.AddDays(-2)),
                Mail("Cc Finn", Erin, [Carl], Now.AddDays(-3)) with { Cc = [Finn] },
                Mail("Bcc Finn", Carl, [Erin], Now.AddDays(-3)) with { Bcc = [Finn] },
                Mail("Dana and Zoe", Dana, [Zoe, Carl], Now.AddDays(-4)),
                Mail("Old Dana", Dana, [Carl], Now.AddDays(-40)),
                Mail("Draft to Dana", Carl, [Dana], Now.AddDays(-1)) with { IsDraft = true },
                Mail("Spam from Dana", Dana, [Carl], Now.AddDays(-1)) with { LabelIds = ["SPAM"] },
                Mail("Trash from Dana", Dana, [Carl], Now.AddDays(-1)) with { LabelIds = ["TRASH"] },
                Mail("Lookalike", "dana@northwind.example.org", [Carl], Now.AddDays(-1)),
                Mail("Unrelated", Erin, [Carl], Now.AddDays(-1)),
            ],
        }, Ct);

    [Fact]
    public async Task A_planned_read_lists_exactly_what_a_scan_lists_with_a_contact_among_the_participants()
    {
        await SeedAsync();
        var (access, _) = await LinkAsync(Carl, "google");
        var reader = Reader("google");

        var planned = await reader.ReadMailAsync(access, null, Window(FirstSyncPlanMode.Planned, Contacts), Ct).ReadAllAsync();
        var plannedRequests = await RequestsAsync(Carl, "/gmail/v1/users/me/messages");
        await Sandbox.Control.ClearRequestsAsync(Ct);
        var scanned = await reader.ReadMailAsync(access, null, Window(FirstSyncPlanMode.Scan, Contacts), Ct).ReadAllAsync();

        string[] expected = ["Bcc Finn", "Cc Finn", "Dana and Zoe", "From Dana", "To Dana, cased and named"];
        Assert.Equal(expected, planned.Items().Select(i => i.Subject).Order(StringComparer.Ordinal));
        var wanted = Contacts.Select(EmailAddressRule.Normalize).ToHashSet(StringComparer.Ordinal);
        var scannedWithContacts = scanned.Items().Where(i => ContactMatches.AddressesOf(i).Any(wanted.Contains)).Select(i => i.ProviderId);
        Assert.Equal(scannedWithContacts.Order(StringComparer.Ordinal), planned.Items().Select(i => i.ProviderId).Order(StringComparer.Ordinal));
        Assert.NotNull(planned.FinalCursor());
        Assert.Equal(scanned.FinalCursor(), planned.FinalCursor());

        var lists = plannedRequests.Where(r => r.Path == "/gmail/v1/users/me/messages").Select(r => Uri.UnescapeDataString(r.Query)).ToList();
        Assert.True(lists.Count(l => l.Contains("bcc:", StringComparison.Ordinal)) >= 2, "Dana and Zoe are in different searches");
        var both = planned.Items().Single(i => i.Subject == "Dana and Zoe").ProviderId;
        Assert.Single(plannedRequests, r => r.Path.EndsWith("/messages/" + both, StringComparison.Ordinal)); // listed twice, read once
    }

    [Fact]
    public async Task The_bodies_a_planned_read_got_are_not_read_again_but_only_once_kept()
    {
        await SeedAsync();
        var (access, _) = await LinkAsync(Carl, "google");
        var reader = Reader("google");
        var planned = await reader.ReadMailAsync(access, null, Window(FirstSyncPlanMode.Planned, Contacts), Ct).ReadAllAsync();
        var ids = planned.Items().Select(i => i.ProviderId).ToList();
        await Sandbox.Control.ClearRequestsAsync(Ct);

        var bodies = await reader.ReadBodiesAsync(access, ids, Ct);
        var requested = await RequestsAsync(Carl, "/gmail/v1/users/me/messages/");
        var again = await reader.ReadBodiesAsync(access, ids, Ct);

        Assert.Equal(5, bodies.Count);
        Assert.Contains("Body of Dana and Zoe", bodies.Values.Select(b => b.BodyText));
        Assert.Empty(requested);
        Assert.Equal(bodies.Keys.Order(StringComparer.Ordinal), again.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(5, (await RequestsAsync(Carl, "/gmail/v1/users/me/messages/")).Count); // taken once: read from Gmail the second time
    }

    [Fact]
    public async Task A_tenant_without_contacts_reads_nothing_but_the_profile_and_ends_on_its_history_id()
    {
        await SeedAsync();
        var (access, _) = await LinkAsync(Carl, "google");

        var pages = await Reader("google").ReadMailAsync(access, null, Window(FirstSyncPlanMode.Auto, []), Ct).ReadAllAsync();

        Assert.Single(pages);
        Assert.Empty(pages.Items());
        Assert.NotNull(pages.FinalCursor());
        Assert.Equal(["/gmail/v1/users/me/profile"], (await RequestsAsync(Carl, "/gmail/v1/users/me")).Select(r => r.Path));
    }

    [Theory]
    [InlineData("o'brien@customer.example", true)] // an address a query cannot carry unaltered
    [InlineData(Dana, false)] // more contacts than auto plans for: the list was cut off
    public async Task A_read_that_cannot_plan_safely_scans_the_whole_window(string contact, bool complete)
    {
        await SeedAsync();
        var (access, _) = await LinkAsync(Carl, "google");

        var mode = complete ? FirstSyncPlanMode.Planned : FirstSyncPlanMode.Auto;
        var pages = await Reader("google").ReadMailAsync(access, null, Window(mode, [.. Contacts, contact], complete), Ct).ReadAllAsync();

        Assert.Contains("Unrelated", pages.Items().Select(i => i.Subject));
        var lists = (await RequestsAsync(Carl, "/gmail/v1/users/me/messages")).Where(r => r.Path == "/gmail/v1/users/me/messages").ToList();
        Assert.All(lists, l => Assert.Equal($"after:{Now.AddDays(-14).ToUnixTimeSeconds()}", QueryOf(l)));
    }

    [Fact]
    public async Task Auto_scans_a_mailbox_too_small_for_its_searches_reusing_the_first_page_it_listed()
    {
        await SeedAsync();
        var (access, _) = await LinkAsync(Carl, "google");

        IReadOnlyList<string> many = [.. Contacts, .. Enumerable.Range(0, 300).Select(i => $"filler.contact.{i:D3}@elsewhere.example")];
        var pages = await Reader("google").ReadMailAsync(access, null, Window(FirstSyncPlanMode.Auto, many), Ct).ReadAllAsync();

        Assert.Contains("Unrelated", pages.Items().Select(i => i.Subject));
        var lists = (await RequestsAsync(Carl, "/gmail/v1/users/me/messages")).Where(r => r.Path == "/gmail/v1/users/me/messages").ToList();
        Assert.All(lists, l => Assert.DoesNotContain("{", QueryOf(l), StringComparison.Ordinal));
        Assert.Single(lists, l => !l.Query.Contains("pageToken", StringComparison.Ordinal)); // the first page listed once
    }

    [Fact]
    public async Task Pages_of_five_hundred_ids_are_each_read_once()
    {
        Settings["Sync:PageSize"] = "500";
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Carl,
            Provider = SandboxProvider.Google,
            Messages = [.. Enumerable.Range(0, 501).Select(i => Mail($"Order {i}", Dana, [Carl], Now.AddMinutes(-i - 1)))],
        }, Ct);
        var (access, _) = await LinkAsync(Carl, "google");

        var pages = await Reader("google").ReadMailAsync(access, null, Window(FirstSyncPlanMode.Planned, [Dana]), Ct).ReadAllAsync();

        Assert.Equal(501, pages.Items().Select(i => i.ProviderId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(501, pages.Items().Count);
        var requests = await RequestsAsync(Carl, "/gmail/v1/users/me/messages");
        Assert.Equal(2, requests.Count(r => r.Path == "/gmail/v1/users/me/messages"));
        Assert.Equal(501, requests.Count(r => r.Path.StartsWith("/gmail/v1/users/me/messages/", StringComparison.Ordinal)));
    }

    private static string QueryOf(RequestLogEntry list) =>
        Uri.UnescapeDataString(list.Query.TrimStart('?').Split('&').Single(p => p.StartsWith("q=", StringComparison.Ordinal))[2..].Replace('+', ' '));
}
