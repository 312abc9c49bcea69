using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Tests.Providers.Infrastructure;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.Tests.Providers.Google;

/// <summary>Bodies of selected messages, the look-back search, and Gmail's per-mailbox concurrency limit.</summary>
public sealed class GmailBodiesSearchTests : ReaderTest
{
    private const string Carl = "carl.rivera@gmail.example";
    private const string Dana = "dana@northwind.example";

    [Fact]
    public async Task Bodies_are_fetched_in_full_format_only_for_the_requested_ids()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Carl,
            Provider = SandboxProvider.Google,
            Messages =
            [
                Mail("Plain", Dana, [Carl], Now.AddHours(-3)),
                Mail("Rich", Dana, [Carl], Now.AddHours(-2)) with { Body = "Rich text, plain part", BodyHtml = "<p>Rich <b>text</b></p>" },
                Mail("Not asked for", Dana, [Carl], Now.AddHours(-1)),
            ],
        }, Ct);
        var ids = (await Sandbox.Control.GetMailboxAsync(Carl, Ct)).Messages.ToDictionary(m => m.Subject, m => m.Id);
        var (access, _) = await LinkAsync(Carl, "google");

        var bodies = await Reader("google").ReadBodiesAsync(access, [ids["Plain"], ids["Rich"], "00000000000000ff"], Ct);

        Assert.Equal(2, bodies.Count);
        Assert.Equal("Body of Plain", bodies[ids["Plain"]].BodyText);
        Assert.Equal("Rich text, plain part", bodies[ids["Rich"]].BodyText);
        var gets = await RequestsAsync(Carl, "/gmail/v1/users/me/messages/");
        Assert.Equal(3, gets.Count);
        Assert.All(gets, g => Assert.Contains("format=full", g.Query, StringComparison.Ordinal));
        Assert.DoesNotContain(gets, g => g.Path.EndsWith(ids["Not asked for"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_look_back_search_finds_exactly_the_messages_with_one_of_its_addresses_in_from_to_or_cc()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Carl,
            Provider = SandboxProvider.Google,
            Messages =
            [
                Mail("From Dana", Dana, [Carl], Now.AddDays(-1)),
                Mail("To Dana", Carl, [Dana], Now.AddDays(-2)),
                Mail("Cc Dana", "erin@contoso.com", [Carl], Now.AddDays(-3)) with { Cc = [Dana] },
                Mail("Lookalike", "dana@northwind.example.org", [Carl], Now.AddDays(-1)),
                Mail("Bcc Dana", Carl, ["erin@contoso.com"], Now.AddDays(-1)) with { Bcc = [Dana] },
                Mail("Old Dana", Dana, [Carl], Now.AddDays(-40)),
                Mail("Unrelated", "erin@contoso.com", [Carl], Now.AddDays(-1)),
                Mail("Draft to Dana", Carl, [Dana], Now.AddDays(-1)) with { IsDraft = true },
                Mail("To Finn", Carl, ["finn@northwind.example"], Now.AddDays(-4)),
            ],
        }, Ct);
        var (access, _) = await LinkAsync(Carl, "google");

        var pages = await Reader("google").SearchMailAsync(access, [Dana, "finn@northwind.example"], new MailWindow(Now.AddDays(-14)), Ct).ReadAllAsync();

        Assert.Equal(["Cc Dana", "From Dana", "To Dana", "To Finn"], pages.Items().Select(i => i.Subject).Order(StringComparer.Ordinal));
        Assert.All(pages, p => Assert.Null(p.CursorAfter));
        var lists = (await RequestsAsync(Carl, "/gmail/v1/users/me/messages")).Where(r => r.Path == "/gmail/v1/users/me/messages").ToList();
        Assert.All(lists, l => Assert.Contains( // every page is of the one search for both addresses
            $"q=after:{Now.AddDays(-14).ToUnixTimeSeconds()} (from:{Dana} OR to:{Dana} OR cc:{Dana} OR from:finn@northwind.example OR to:finn@northwind.example OR cc:finn@northwind.example)",
            Uri.UnescapeDataString(l.Query), StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_more_than_the_configured_requests_are_ever_in_flight_for_one_Google_mailbox()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Carl,
            Provider = SandboxProvider.Google,
            Messages = [.. Enumerable.Range(1, 12).Select(i => Mail($"Question {i}", Dana, [Carl], Now.AddHours(-i)))],
        }, Ct);
        var ids = (await Sandbox.Control.GetMailboxAsync(Carl, Ct)).Messages.Select(m => m.Id).ToList();
        var (access, _) = await LinkAsync(Carl, "google");
        Settings["Sync:PageSize"] = "6";
        Settings["Sync:GoogleConcurrentRequestsPerMailbox"] = "5";
        var reader = Reader("google");
        InFlight.Hold = TimeSpan.FromMilliseconds(40);

        var mail = reader.ReadMailAsync(access, null, new MailWindow(Now.AddDays(-14)), Ct).ReadAllAsync();
        var bodies = reader.ReadBodiesAsync(access, ids, Ct);
        await Task.WhenAll(mail, bodies);

        Assert.Equal(12, (await mail).Items().Count);
        Assert.Equal(12, (await bodies).Count);
        Assert.Equal(5, InFlight.Max);
    }
}
