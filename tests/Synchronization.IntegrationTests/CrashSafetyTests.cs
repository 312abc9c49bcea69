using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Runs;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using Xunit.Abstractions;

namespace NavusoftSync.Synchronization.IntegrationTests;

/// <summary>Killed while reading mail (Microsoft 365): about a third of the mail events stored.</summary>
public sealed class CrashDuringMailTests(ITestOutputHelper output) : CrashSafetyTests(output)
{
    protected override SandboxProvider SandboxProvider => SandboxProvider.Microsoft;

    protected override int KillAfter(int mailEvents, int calendarEvents) => Math.Max(1, mailEvents / 3);
}

/// <summary>Killed while reading the calendar (Google): all mail and about half of the calendar events stored.</summary>
public sealed class CrashDuringCalendarTests(ITestOutputHelper output) : CrashSafetyTests(output)
{
    protected override SandboxProvider SandboxProvider => SandboxProvider.Google;

    protected override int KillAfter(int mailEvents, int calendarEvents) => mailEvents + Math.Max(1, calendarEvents / 2);
}

/// <summary>
/// Crash safety: a sync run of a real host process killed outright (SIGKILL to the process tree, no shutdown code)
/// part-way through, then a new process on the same database, must end with exactly the data an uninterrupted run
/// stores — the same thread and appointment streams with the same events, the same snapshots and index documents,
/// the same cursors. The uninterrupted reference runs first, in-process, on a database of its own, over the same
/// sandbox mailbox (a few dozen threads, strangers' mail, single and recurring meetings; pages of 5 items); the
/// interrupted run sees every provider call slowed down so that the kill lands mid-run. The new process gets the
/// link's run back through Quartz's cluster recovery (the job requests recovery) once the dead node's check-in is stale.
/// </summary>
public abstract partial class CrashSafetyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Tenant = "tenant-crash";
    private const string Mailbox = "dana@hauler.example";
    private static readonly string[] Contacts = ["pat@customer.example", "lee@customer.example", "kim@supplier.example"];

    private ProcessWorld _world = null!;
    private NavusoftApp? _reference;
    private string? _referenceDatabase;
    private string? _database;

    protected abstract SandboxProvider SandboxProvider { get; }

    private string Provider => SandboxProvider == SandboxProvider.Microsoft ? "microsoft" : "google";

    /// <summary>How many thread/appointment events the interrupted run must have stored when it is killed.</summary>
    protected abstract int KillAfter(int mailEvents, int calendarEvents);

    public async Task InitializeAsync()
    {
        _world = await ProcessWorld.StartAsync(TimeSpan.Zero);
        _referenceDatabase = await _world.CreateDatabaseAsync("crashref");
        _database = await _world.CreateDatabaseAsync("crash");
    }

    public async Task DisposeAsync()
    {
        if (_reference is not null)
        {
            await _reference.DisposeAsync();
        }

        await _world.DisposeAsync();
    }

    [Fact]
    public async Task Killing_the_host_mid_run_and_starting_it_again_stores_exactly_what_an_uninterrupted_run_stores()
    {
        await _world.Sandbox.Control.AddMailboxAsync(BigMailbox(DateTimeOffset.UtcNow));

        // The uninterrupted run, while the host process that will be killed starts.
        var starting = StartHostAsync("first");
        var referenceLink = await SyncUninterruptedAsync();
        var referenceEvents = await StoredSync.EventsAsync(_referenceDatabase!);
        var mailEvents = referenceEvents.Count(e => e.Type.StartsWith("synchronization.thread", StringComparison.Ordinal));
        var calendarEvents = referenceEvents.Count(e => e.Type.StartsWith("synchronization.appointment", StringComparison.Ordinal));
        var killAfter = KillAfter(mailEvents, calendarEvents);
        _world.Mark($"reference synced ({mailEvents} mail + {calendarEvents} calendar events)");

        // The same mailbox, linked on a host process that is killed once some of the run's events are stored.
        _world.Proxy.Latency = TimeSpan.FromMilliseconds(60);
        var first = await starting;
        _world.Mark("first host ready");
        await SeedAsync(first.ClientFor(Tokens.Admin(Tenant)));
        using (var user = first.ClientFor(Tokens.User(Tenant, "user-1")))
        using (var anonymous = first.CreateClient())
        {
            await SyncWorld.LinkAsync(anonymous, user, Provider, Mailbox);
        }

        var reached = await StoredSync.EventuallyAsync(
            async () => await StoredSync.RecordedCountAsync(_database!) >= killAfter, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(10));
        first.Kill();
        var atKill = await StoredSync.RecordedCountAsync(_database!);
        _world.Mark($"killed at {atKill} events");
        Assert.True(reached, $"The run never stored {killAfter} events.{Environment.NewLine}{first.Tail()}");
        Assert.True(atKill < mailEvents + calendarEvents, $"The run finished ({atKill} events) before the kill: nothing was interrupted.");
        Assert.Equal(0, await StoredSync.CountAsync(_database!, "SELECT count(*) FROM events.mt_events WHERE type = 'synchronization.sync_run_completed'"));
        var linkId = (await StoredSync.EventsAsync(_database!)).First(e => e.IsSyncRun).StreamId["sync:".Length..];

        // A new process on the same database: Quartz recovers the dead node's run, which resumes and completes.
        _world.Proxy.Latency = TimeSpan.FromMilliseconds(10);
        var second = await StartHostAsync("second");
        _world.Mark("second host ready");
        var completed = await StoredSync.EventuallyAsync(
            async () => (await StoredSync.EventsAsync(_database!)).LastOrDefault(e => e.IsSyncRun)?.Type == "synchronization.sync_run_completed",
            TimeSpan.FromSeconds(120),
            TimeSpan.FromMilliseconds(250));
        _world.Mark("resumed run completed");
        output.WriteLine(_world.Timings());
        foreach (var run in SyncRunHistory.RunsOf(await StoredSync.EventsAsync(_database!), [], new Dictionary<string, int> { [linkId] = 1 })[linkId])
        {
            output.WriteLine($"run {run.RunId}: {run.StartedAt:HH:mm:ss.fff}–{run.EndedAt:HH:mm:ss.fff} {run.Outcome ?? "killed"}");
        }

        Assert.True(completed, $"The link's run did not complete after the restart.{Environment.NewLine}{second.Tail()}");

        // The killed run never ended; every later one completed.
        var violations = new List<string>();
        var runs = SyncRunHistory.RunsOf(await StoredSync.EventsAsync(_database!), violations, new Dictionary<string, int> { [linkId] = 1 })[linkId];
        Assert.Empty(violations);
        Assert.Null(runs[0].Outcome);
        Assert.True(runs.Count >= 2 && runs.Skip(1).All(r => r.Outcome == "completed"), string.Join(", ", runs.Select(r => r.Outcome ?? "(killed)")));

        // Exactly the same data as the uninterrupted run.
        var expected = await PictureAsync(_referenceDatabase!, referenceLink);
        var actual = await PictureAsync(_database!, linkId);
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0 && expected.SequenceEqual(actual),
            $"{expected.Count} rows stored uninterrupted, {actual.Count} after the kill; only uninterrupted ({missing.Count}):{Environment.NewLine}"
            + $"{string.Join(Environment.NewLine, missing.Take(8))}{Environment.NewLine}only after the kill ({extra.Count}):{Environment.NewLine}{string.Join(Environment.NewLine, extra.Take(8))}");
        Assert.Equal(mailEvents + calendarEvents, actual.Count(l => l.StartsWith("event ", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Every thread/appointment event (stream, version, type, data but its <c>at</c>) and every document of the
    /// module's schema but the run history (the link's <c>updatedAt</c> and the cursors' event-store positions left out: two
    /// databases number their events differently), the link id written <c>{link}</c>; sorted.
    /// </summary>
    private static async Task<List<string>> PictureAsync(string connectionString, string linkId)
    {
        var rows = new List<string>();
        foreach (var e in (await StoredSync.EventsAsync(connectionString)).Where(e => !e.IsSyncRun))
        {
            rows.Add($"event {e.StreamId} v{e.Version:000} {e.Type} {Normalized(e.Data, linkId, "at")}");
        }

        // The run history and run health are the run events' projections: a killed run differs from an uninterrupted one there by design.
        foreach (var d in (await StoredSync.DocumentsAsync(connectionString)).Where(d => d.Table is not ("mt_doc_link_run_history" or "mt_doc_link_run_health")))
        {
            rows.Add($"doc {d.Table} {d.Id.Replace(linkId, "{link}", StringComparison.Ordinal)} {Normalized(d.Data, linkId, "updatedAt", "mailCoveredThrough", "calendarCoveredThrough")}");
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string Normalized(string json, string linkId, params string[] dropped)
    {
        var node = JsonNode.Parse(json.Replace(linkId, "{link}", StringComparison.Ordinal))!;
        if (node is JsonObject o)
        {
            foreach (var name in dropped)
            {
                o.Remove(name);
            }
        }

        return WindowFree(node.ToJsonString());
    }

    /// <summary>
    /// Cursors carry the run's window (Graph's <c>receivedSince</c>, Google Calendar's <c>timeMin</c>/<c>timeMax</c>:
    /// days back and ahead from the run's start), in plain text or in base64url-encoded JSON tokens: every instant
    /// in them is written <c>{instant}</c>, tokens decoded, so two cursors compare by what they cover.
    /// </summary>
    private static string WindowFree(string text)
    {
        var decoded = Base64Token().Replace(text, m =>
        {
            try
            {
                var padded = m.Value.Replace('-', '+').Replace('_', '/');
                padded = padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '=');
                var json = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(padded));
                return json.StartsWith('{') ? $"token{json}" : m.Value;
            }
            catch (FormatException)
            {
                return m.Value;
            }
        });
        return Instant().Replace(decoded, "{instant}");
    }

    [System.Text.RegularExpressions.GeneratedRegex("[A-Za-z0-9_-]{24,}")]
    private static partial System.Text.RegularExpressions.Regex Base64Token();

    [System.Text.RegularExpressions.GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")]
    private static partial System.Text.RegularExpressions.Regex Instant();

    /// <summary>The reference: the same mailbox linked and synced once, in-process, with nothing in the way.</summary>
    private async Task<string> SyncUninterruptedAsync()
    {
        _reference = new NavusoftApp(_referenceDatabase!, Settings());
        await SeedAsync(_reference.ClientFor(Tokens.Admin(Tenant)));
        using var user = _reference.ClientFor(Tokens.User(Tenant, "user-1"));
        var linkId = await SyncWorld.LinkAsync(_reference.CreateClient(), user, Provider, Mailbox);
        var store = _reference.Services.GetRequiredService<IDocumentStore>();
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60)); // the link reached Synchronization
        var result = await SyncWorld.RunAsync(_reference, Tenant, linkId);
        Assert.True(result.Ran, result.Reason);
        return linkId;
    }

    private Task<HostProcess> StartHostAsync(string name)
    {
        var settings = Settings();
        settings["Sync:IntervalSeconds"] = "3600"; // only the first run and its recovery
        return _world.StartHostAsync(name, _database!, settings);
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = _world.ProviderSettings("crash");
        settings["Sync:PageSize"] = "5";
        return settings;
    }

    private async Task SeedAsync(HttpClient admin)
    {
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/accounts/ACC-1", new
        {
            name = "Customer Co",
            contacts = new[] { new { contactId = "c1", name = "Pat", email = Contacts[0] }, new { contactId = "c2", name = "Lee", email = Contacts[1] } },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/accounts/ACC-2", new
        {
            name = "Supplier Ltd",
            contacts = new[] { new { contactId = "c3", name = "Kim", email = Contacts[2] } },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/admin/providers/{Provider}", new { enabled = true, reviewTicket = "TR-42" })).StatusCode);
    }

    /// <summary>24 three-message threads with contacts (some copying a second account), 30 strangers' messages,
    /// 16 meetings and 4 weekly series of 4 with contacts, 8 meetings without.</summary>
    private ScenarioMailbox BigMailbox(DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var messages = new List<ScenarioMessage>();
        for (var t = 0; t < 24; t++)
        {
            var contact = Contacts[t % Contacts.Length];
            var start = now.AddHours(-6 - (t * 9));
            IReadOnlyList<SandboxAddress> cc = t % 4 == 0 ? [Contacts[(t + 2) % Contacts.Length]] : [];
            messages.Add(new ScenarioMessage { Thread = $"deal-{t}", Subject = $"Deal {t}", From = contact, To = [Mailbox], Cc = cc, SentAt = start, Body = $"Opening {t}" });
            messages.Add(new ScenarioMessage { Thread = $"deal-{t}", Subject = $"Re: Deal {t}", From = Mailbox, To = [contact], SentAt = start.AddHours(1), Body = $"Answer {t}" });
            messages.Add(new ScenarioMessage { Thread = $"deal-{t}", Subject = $"Re: Deal {t}", From = contact, To = [Mailbox], Cc = cc, SentAt = start.AddHours(2), Body = $"Thanks {t}" });
        }

        for (var s = 0; s < 30; s++)
        {
            messages.Add(new ScenarioMessage { Subject = $"Newsletter {s}", From = $"news{s}@elsewhere.example", To = [Mailbox], SentAt = now.AddHours(-3 - (s * 7)), Body = "Unrelated" });
        }

        var events = new List<ScenarioEvent>();
        for (var e = 0; e < 16; e++)
        {
            var start = today.AddDays(e - 5).AddHours(8 + (e % 8));
            events.Add(new ScenarioEvent { Subject = $"Site visit {e}", Start = start, End = start.AddHours(1), Attendees = [new ScenarioAttendee { Address = Contacts[e % Contacts.Length] }] });
        }

        for (var r = 0; r < 4; r++)
        {
            var start = today.AddDays(r + 1).AddHours(13);
            events.Add(new ScenarioEvent
            {
                Subject = $"Weekly review {r}",
                Start = start,
                End = start.AddMinutes(30),
                Organizer = Contacts[r % Contacts.Length],
                Attendees = [new ScenarioAttendee { Address = Mailbox }],
                Recurrence = new ScenarioRecurrence { Frequency = RecurrenceFrequency.Weekly, Interval = 1, Count = 4 },
            });
        }

        for (var x = 0; x < 8; x++)
        {
            var start = today.AddDays(x + 2).AddHours(17);
            events.Add(new ScenarioEvent { Subject = $"Gym {x}", Start = start, End = start.AddHours(1) });
        }

        return new ScenarioMailbox { Email = Mailbox, Provider = SandboxProvider, Messages = messages, Events = events };
    }
}
