using System.Net;
using System.Net.Http.Json;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Recording;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;

namespace NavusoftSync.Synchronization.IntegrationTests;

/// <summary>
/// The contact-driven Gmail first sync records exactly what the scan records: one sandbox mailbox holding every edge
/// (from/to/cc/bcc, case and display names, a message two searches list, mail outside the window, a draft, spam and
/// trash, an unmatched message in a matched thread, a lookalike address, an address that is a contact of another tenant
/// only) synced by one host configured to scan and one configured to plan, each on its own database, the same contacts
/// seeded in both; the recorded threads, their messages and accounts, and the link's message index compared exactly.
/// </summary>
public sealed class FirstSyncPlanTests : IAsyncLifetime
{
    private const string Tenant = "tenant-plan";
    private const string OtherTenant = "tenant-other";
    private const string Mailbox = "owner@hauler.example";
    private SandboxHost _sandbox = null!;
    private readonly List<(NavusoftApp App, string ConnectionString)> _hosts = [];

    public async Task InitializeAsync() => _sandbox = await SandboxHost.StartAsync(new SandboxOptions());

    public async Task DisposeAsync()
    {
        foreach (var (app, connectionString) in _hosts)
        {
            await app.DisposeAsync();
            await PostgresServer.DropDatabaseAsync(connectionString);
        }

        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task A_planned_first_sync_records_exactly_the_threads_messages_and_accounts_a_scan_records()
    {
        await _sandbox.Control.AddMailboxAsync(EveryEdge(Mailbox, DateTimeOffset.UtcNow));
        var scan = await StartAsync("scan");
        var planned = await StartAsync("planned");

        var scanned = await FirstSyncAsync(scan, Mailbox);
        var scanGets = await GetsAsync(Mailbox);
        await _sandbox.Control.ClearRequestsAsync();
        var plannedRecorded = await FirstSyncAsync(planned, Mailbox);

        Assert.Equal(["Bcc Zed", "Cc Zed", "From Pat", "Pat and Filler", "To Quinn, cased and named"], scanned.Threads.Select(t => t.Subject).Order(StringComparer.Ordinal));
        Assert.Equal(scanned.Threads, plannedRecorded.Threads);
        Assert.Equal(scanned.Messages, plannedRecorded.Messages);
        Assert.Equal(6, scanned.Messages.Count); // five threads, the reply to Pat in Pat's
        Assert.True((await ListQueriesAsync(Mailbox)).Count(q => q.Contains("bcc:", StringComparison.Ordinal)) >= 2, "the planned host searched in several groups");
        Assert.InRange(await GetsAsync(Mailbox), 1, scanGets - 1);
    }

    [Fact]
    public async Task Auto_plans_for_a_small_contact_set_and_scans_when_the_searches_would_cost_more_than_the_mailbox()
    {
        const string second = "second@hauler.example";
        var now = DateTimeOffset.UtcNow;
        await _sandbox.Control.AddMailboxAsync(EveryEdge(Mailbox, now));
        await _sandbox.Control.AddMailboxAsync(EveryEdge(second, now));
        var auto = await StartAsync("auto");

        var small = await FirstSyncAsync(auto, Mailbox);
        Assert.Contains(await ListQueriesAsync(Mailbox), q => q.Contains("bcc:", StringComparison.Ordinal));

        var admin = auto.ClientFor(Tokens.Admin(Tenant));
        var many = Enumerable.Range(0, 500).Select(i => new { contactId = $"m{i}", name = $"Many {i}", email = $"many.contact.{i:D3}@wholesale.example" });
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/accounts/ACC-MANY", new { name = "Wholesale", contacts = many })).StatusCode);
        var large = await FirstSyncAsync(auto, second);

        Assert.DoesNotContain(await ListQueriesAsync(second), q => q.Contains('{', StringComparison.Ordinal));
        Assert.Equal(6, small.Messages.Count);
        Assert.Equal(6, large.Messages.Count); // the same edges, scanned: the same six messages
    }

    [Fact]
    public async Task An_expired_history_id_after_a_planned_first_sync_plans_the_full_round_again_and_records_nothing_twice()
    {
        await _sandbox.Control.AddMailboxAsync(EveryEdge(Mailbox, DateTimeOffset.UtcNow));
        var planned = await StartAsync("planned");
        var first = await FirstSyncAsync(planned, Mailbox);

        await _sandbox.Control.AddMessageAsync(Mailbox, Mail("After the expiry", "pat@customer.example", [Mailbox], DateTimeOffset.UtcNow.AddMinutes(-1)));
        await _sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = Mailbox, Kind = FaultKind.CursorExpired, PathPrefix = "/gmail/v1" });
        await _sandbox.Control.ClearRequestsAsync();
        var again = await SyncAsync(planned, first.LinkId);

        Assert.Equal(first.Messages.Count + 1, again.Messages.Count);
        Assert.All(first.Messages, m => Assert.Contains(m, again.Messages));
        Assert.Contains("After the expiry", again.Threads.Select(t => t.Subject));
        Assert.Contains(await ListQueriesAsync(Mailbox), q => q.Contains("bcc:", StringComparison.Ordinal));
    }

    /// <summary>A host on a database of its own, sharing the sandbox, with <c>Sync:FirstSyncPlan</c> set.</summary>
    private async Task<NavusoftApp> StartAsync(string plan)
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("plan");
        var settings = new Dictionary<string, string?>(_sandbox.Urls.ToConfiguration())
        {
            ["Providers:Google:ClientId"] = "e2e-google",
            ["Providers:Google:ClientSecret"] = "e2e-google-secret",
            ["Providers:Microsoft:ClientId"] = "e2e-client",
            ["Providers:Microsoft:ClientSecret"] = "e2e-secret",
            ["Sync:FirstSyncPlan"] = plan,
        };
        var app = new NavusoftApp(connectionString, settings);
        _hosts.Add((app, connectionString));
        await SeedAsync(app);
        return app;
    }

    /// <summary>
    /// The tenant's accounts: ACC-1 with Pat and Quinn, ACC-2 with Zed and 60 filler contacts (so the contacts take
    /// several searches, Filler 00 in the first and Pat in a later one); another tenant's account with Bea.
    /// </summary>
    private static async Task SeedAsync(NavusoftApp app)
    {
        var admin = app.ClientFor(Tokens.Admin(Tenant));
        object[] customer = [new { contactId = "c1", name = "Pat", email = "pat@customer.example" }, new { contactId = "c2", name = "Quinn", email = "quinn@customer.example" }];
        object[] supplier = [new { contactId = "s0", name = "Zed", email = "zed@supplier.example" }, .. Enumerable.Range(0, 60).Select(i => new { contactId = $"f{i}", name = $"Filler {i}", email = $"filler.{i:D2}@supplier.example" })];
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/accounts/ACC-1", new { name = "Customer Co", contacts = customer })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/accounts/ACC-2", new { name = "Supplier Co", contacts = supplier })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/providers/google", new { enabled = true, reviewTicket = "TR-42" })).StatusCode);
        var other = app.ClientFor(Tokens.Admin(OtherTenant));
        Assert.Equal(HttpStatusCode.Created, (await other.PutAsJsonAsync("/api/accounts/ACC-B", new { name = "Other Co", contacts = new[] { new { contactId = "b1", name = "Bea", email = "bea@othertenant.example" } } })).StatusCode);
    }

    private static ScenarioMailbox EveryEdge(string mailbox, DateTimeOffset now) => new()
    {
        Email = mailbox,
        Provider = SandboxProvider.Google,
        Messages =
        [
            Mail("From Pat", "Pat <pat@customer.example>", [mailbox], now.AddDays(-1)) with { Thread = "t-pat", InternetMessageId = $"<from-pat.{mailbox}>" },
            Mail("Re: From Pat", mailbox, ["pat@customer.example"], now.AddHours(-20)) with { Thread = "t-pat", InReplyTo = $"<from-pat.{mailbox}>", Folder = "sentitems" },
            Mail("Stranger in Pat's thread", "stranger@elsewhere.example", [mailbox], now.AddHours(-10)) with { Thread = "t-pat" },
            Mail("To Quinn, cased and named", mailbox, ["Quinn Q <QUINN@Customer.Example>"], now.AddDays(-2)) with { Folder = "sentitems" },
            Mail("Cc Zed", "stranger@elsewhere.example", [mailbox], now.AddDays(-3)) with { Cc = ["zed@supplier.example"] },
            Mail("Bcc Zed", mailbox, ["stranger@elsewhere.example"], now.AddDays(-3)) with { Bcc = ["zed@supplier.example"], Folder = "sentitems" },
            Mail("Pat and Filler", "pat@customer.example", [mailbox], now.AddDays(-4)) with { Cc = ["filler.00@supplier.example"] },
            Mail("Old Pat", "pat@customer.example", [mailbox], now.AddDays(-40)),
            Mail("Draft to Pat", mailbox, ["pat@customer.example"], now.AddDays(-1)) with { IsDraft = true },
            Mail("Spam from Pat", "pat@customer.example", [mailbox], now.AddDays(-1)) with { LabelIds = ["SPAM"] },
            Mail("Trash from Pat", "pat@customer.example", [mailbox], now.AddDays(-1)) with { LabelIds = ["TRASH"] },
            Mail("Bea only", "bea@othertenant.example", [mailbox], now.AddDays(-1)),
            Mail("Lookalike", "pat@customer.example.org", [mailbox], now.AddDays(-1)),
            Mail("Unrelated", "stranger@elsewhere.example", [mailbox], now.AddDays(-1)),
        ],
    };

    private static ScenarioMessage Mail(string subject, SandboxAddress from, SandboxAddress[] to, DateTimeOffset sentAt) =>
        new() { Subject = subject, From = from, To = to, SentAt = sentAt, Body = "Body of " + subject };

    /// <summary>What a host recorded for the tenant once the mailbox's first sync ran.</summary>
    private sealed record Recorded(string LinkId, IReadOnlyList<RecordedThread> Threads, IReadOnlyList<string> Messages);

    /// <summary>A thread as compared: its id, subject, message keys and the accounts it landed on with their addresses.</summary>
    private sealed record RecordedThread(string Id, string Subject, string Messages, string Accounts);

    private static async Task<Recorded> FirstSyncAsync(NavusoftApp app, string mailbox)
    {
        var store = app.Services.GetRequiredService<IDocumentStore>();
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var user = app.ClientFor(Tokens.User(Tenant, $"user-{mailbox}"));
        var linkId = await SyncWorld.LinkAsync(app.CreateClient(), user, "google", mailbox);
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        return await SyncAsync(app, linkId);
    }

    /// <summary>The link's run, then what the tenant's threads and the link's message index hold.</summary>
    private static async Task<Recorded> SyncAsync(NavusoftApp app, string linkId)
    {
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var run = await SyncWorld.RunAsync(app, Tenant, linkId);
        Assert.True(run.Ran, run.Reason);
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        await using var session = store.QuerySession(Tenant);
        var threads = (await session.Query<EmailThread>().ToListAsync())
            .Where(t => t.Messages.Count > 0)
            .Select(t => new RecordedThread(
                t.Id, t.Subject, string.Join(',', t.Messages.Select(m => m.MessageKey).Order(StringComparer.Ordinal)),
                string.Join(';', t.Accounts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={string.Join(',', a.Value)}"))))
            .OrderBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
        var messages = (await session.Query<MailboxMessageEntry>().ToListAsync())
            .Where(e => e.Id.StartsWith(linkId + "|", StringComparison.Ordinal))
            .Select(e => $"{e.Id[(linkId.Length + 1)..]}>{e.ThreadKey}>{e.MessageKey}")
            .Order(StringComparer.Ordinal)
            .ToList();
        return new Recorded(linkId, threads, messages);
    }

    private async Task<List<string>> ListQueriesAsync(string mailbox) =>
        [.. (await _sandbox.Control.GetRequestsAsync(mailbox: mailbox, pathPrefix: "/gmail/v1/users/me/messages"))
            .Where(r => r.Path == "/gmail/v1/users/me/messages")
            .Select(r => Uri.UnescapeDataString(r.Query.Replace('+', ' ')))];

    private async Task<int> GetsAsync(string mailbox) =>
        (await _sandbox.Control.GetRequestsAsync(mailbox: mailbox, pathPrefix: "/gmail/v1/users/me/messages/")).Count;
}
