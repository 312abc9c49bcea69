using System.Net;
using System.Net.Http.Json;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using Xunit.Abstractions;

namespace NavusoftSync.Synchronization.IntegrationTests;

/// <summary>
/// Two real host processes on one database, the clustered Quartz store scheduling every link each second,
/// providers answering slowly (so runs last about as long as the interval and both nodes keep competing for
/// the same jobs), mail arriving all along — some of it in two mailboxes of different providers at once. The
/// links' sync streams must show runs of one link strictly one after another, many of them, on both hosts;
/// every message and meeting must be recorded once, and held once per mailbox.
/// </summary>
public sealed class TwoHostSchedulingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Tenant = "tenant-cluster";
    private const int MinimumRuns = 3;
    private static readonly string[] Contacts = ["pat@customer.example", "lee@customer.example", "kim@supplier.example"];
    private static readonly (string Email, SandboxProvider Provider, string Id)[] Mailboxes =
    [
        ("ms-0@hauler.example", SandboxProvider.Microsoft, "microsoft"),
        ("ms-1@hauler.example", SandboxProvider.Microsoft, "microsoft"),
        ("ms-2@hauler.example", SandboxProvider.Microsoft, "microsoft"),
        ("gg-0@hauler.example", SandboxProvider.Google, "google"),
        ("gg-1@hauler.example", SandboxProvider.Google, "google"),
        ("gg-2@hauler.example", SandboxProvider.Google, "google"),
    ];

    private readonly List<HostProcess> _hosts = [];
    private ProcessWorld _world = null!;
    private string? _database;

    public async Task InitializeAsync()
    {
        _world = await ProcessWorld.StartAsync(TimeSpan.FromMilliseconds(150));
        _database = await _world.CreateDatabaseAsync("cluster");
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Two_hosts_never_run_one_link_twice_at_once_and_record_each_message_once()
    {
        var now = DateTimeOffset.UtcNow;
        var expected = new Expected();
        foreach (var (email, provider, _) in Mailboxes)
        {
            await _world.Sandbox.Control.AddMailboxAsync(InitialMailbox(email, provider, now, expected));
        }

        // The first node creates the schemas, the second one joins the cluster while the first links every mailbox.
        var settings = Settings();
        _hosts.Add(await _world.StartHostAsync("host-a", _database!, settings));
        _world.Mark("host-a ready");
        await using var sampler = QuartzFiringSampler.Start(_database!);
        var joining = _world.StartHostAsync("host-b", _database!, settings);
        await SeedAsync(_hosts[0].ClientFor(Tokens.Admin(Tenant)));
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Mailboxes.Length; i++)
        {
            var (email, _, provider) = Mailboxes[i];
            using var user = _hosts[0].ClientFor(Tokens.User(Tenant, $"user-{i}"));
            using var anonymous = _hosts[0].CreateClient();
            links[await SyncWorld.LinkAsync(anonymous, user, provider, email)] = email;
        }

        Assert.True(
            await StoredSync.EventuallyAsync(() => CompletedSinceAsync(links.Keys, now, 1), TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(250)),
            $"Not every link ran once.{Environment.NewLine}{_world.Tails()}");
        _world.Mark("linked and synced once");
        _hosts.Add(await joining);
        _world.Mark("host-b ready");

        // Mail keeps arriving (one message every 300 ms, every third one in two mailboxes of different providers
        // at once) for at least 10 s and until every link has finished a few runs and both nodes have run jobs.
        var since = DateTimeOffset.UtcNow;
        var lastAdded = since;
        for (var k = 0; ; k++)
        {
            if (k % 5 == 4 && DateTimeOffset.UtcNow > since.AddSeconds(10)
                && (DateTimeOffset.UtcNow > since.AddSeconds(45)
                    || (sampler.ExecutingByInstance.Count == 2 && await CompletedSinceAsync(links.Keys, since, MinimumRuns))))
            {
                break;
            }

            var messageId = $"<live-{k}@customer.example>";
            var first = Mailboxes[k % Mailboxes.Length].Email;
            var recipients = k % 3 == 0 ? new[] { first, Mailboxes[(k + 3) % Mailboxes.Length].Email } : [first];
            var sentAt = DateTimeOffset.UtcNow.AddSeconds(-1); // one message, so one sent time in every mailbox that holds it
            foreach (var mailbox in recipients)
            {
                await _world.Sandbox.Control.AddMessageAsync(mailbox, new ScenarioMessage
                {
                    InternetMessageId = messageId,
                    Subject = $"Live question {k}",
                    From = Contacts[k % Contacts.Length],
                    To = recipients.Select(r => (SandboxAddress)r).ToList(),
                    SentAt = sentAt,
                    Body = $"Live body {k}",
                });
                expected.Hold(messageId, mailbox);
            }

            lastAdded = DateTimeOffset.UtcNow;
            await Task.Delay(300);
        }

        _world.Mark("mail added");

        // Every link finishes a run that started after the last message arrived, so it has read everything.
        var converged = await StoredSync.EventuallyAsync(() => CompletedSinceAsync(links.Keys, lastAdded.AddMilliseconds(100), 1), TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(250));
        await sampler.DisposeAsync();
        foreach (var host in _hosts)
        {
            host.Kill(); // freezes the picture: what is stored now is what the cluster committed
        }

        _world.Mark("converged");
        Assert.True(converged, $"Not every link finished a run after the last message arrived.{Environment.NewLine}{_world.Tails()}");
        var events = await StoredSync.EventsAsync(_database!);
        var thrown = _hosts.SelectMany(h => SyncRunHistory.JobsThrownLogged(h.Output)).ToList();
        var violations = new List<string>();
        var runsByLink = SyncRunHistory.RunsOf(events, violations, thrown.GroupBy(t => t.LinkId).ToDictionary(g => g.Key, g => g.Count()));
        var completed = runsByLink.Values.Sum(r => r.Count(x => x.Outcome == "completed"));
        var byHost = _hosts.ToDictionary(h => h.Name, h => SyncRunHistory.CompletedRunsLogged(h.Output).Where(links.ContainsKey).ToList());
        Report(links, runsByLink, byHost, sampler, thrown);

        // 1. Runs of one link never overlapped: not in its sync stream, not in Quartz's store.
        Assert.True(violations.Count == 0, $"{string.Join(Environment.NewLine, violations)}{Environment.NewLine}{_world.Tails()}");
        Assert.True(sampler.Overlaps.Count == 0, string.Join(Environment.NewLine, sampler.Overlaps));

        // 2. Runs happened again and again. (A run may fail — e.g. losing a concurrent write on a shared thread to
        //    another link's run — as long as a later one completes: the convergence above and the data below say so.)
        foreach (var (linkId, email) in links)
        {
            var runs = runsByLink[linkId];
            Assert.True(runs.Count(r => r.Outcome == "completed") >= MinimumRuns, $"{email}: only {runs.Count(r => r.Outcome == "completed")} completed runs");
        }

        // 3. Both nodes ran jobs: Quartz saw two instances executing, and each host logged runs it finished
        //    (together the logs account for every completed run).
        Assert.True(sampler.ExecutingByInstance.Count == 2, $"Instances seen executing: {string.Join(", ", sampler.ExecutingByInstance.Keys)}");
        Assert.All(byHost, h => Assert.True(h.Value.Count > 0, $"{h.Key} finished no run.{Environment.NewLine}{_world.Tails()}"));
        Assert.InRange(byHost.Values.Sum(v => v.Count), completed - links.Count, completed); // a kill may beat the last log line
        var byNode = events.Where(e => e.Type == "synchronization.sync_run_completed").GroupBy(e => e.Node ?? "(none)").ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(_hosts.Select(h => h.Name).Order(StringComparer.Ordinal), byNode.Keys.Order(StringComparer.Ordinal)); // the events say which node ran each run
        Assert.All(byHost, h => Assert.InRange(h.Value.Count, byNode[h.Key] - links.Count, byNode[h.Key]));

        // 4. Nothing twice: each message recorded once and held once per mailbox; the same for meetings.
        var recorded = events.Where(e => e.Type == "synchronization.thread_message_recorded").Select(e => e.Json.GetProperty("messageKey").GetString()!).ToList();
        Assert.Empty(recorded.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}"));
        Assert.Equal(expected.Messages, recorded.Count);
        var held = events.Where(e => e.Type == "synchronization.thread_message_held").Select(e => Held(e, "messageKey")).ToList();
        Assert.Empty(held.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}"));
        Assert.Equal(expected.Holdings, held.Count);
        var scheduled = events.Where(e => e.Type == "synchronization.appointment_scheduled").Select(e => e.Json.GetProperty("appointmentKey").GetString()!).ToList();
        Assert.Empty(scheduled.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}"));
        var calendarHeld = events.Where(e => e.Type == "synchronization.appointment_held").Select(e => Held(e, "appointmentKey")).ToList();
        Assert.Empty(calendarHeld.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}"));
        Assert.Equal(Mailboxes.Length * 2, calendarHeld.Count); // the shared meeting and one own meeting per mailbox
    }

    private void Report(
        Dictionary<string, string> links,
        IReadOnlyDictionary<string, IReadOnlyList<SyncRunRecord>> runsByLink,
        Dictionary<string, List<string>> byHost,
        QuartzFiringSampler sampler,
        List<(string LinkId, string Exception)> thrown)
    {
        foreach (var (linkId, email) in links)
        {
            var runs = runsByLink.GetValueOrDefault(linkId) ?? [];
            output.WriteLine($"{email}: {runs.Count} runs ({runs.Count(r => r.Outcome is null)} without an end, {runs.Count(r => r.Outcome == "failed")} failed: {string.Join("; ", runs.Where(r => r.Outcome == "failed").Select(r => r.Reason).Distinct())}); completed by {string.Join(", ", byHost.Select(h => $"{h.Key} {h.Value.Count(l => l == linkId)}"))}");
        }

        var durations = runsByLink.Values.SelectMany(r => r).Where(r => r.EndedAt is not null).Select(r => (r.EndedAt!.Value - r.StartedAt).TotalMilliseconds).ToList();
        output.WriteLine($"run duration mean {durations.DefaultIfEmpty().Average():0} ms, max {durations.DefaultIfEmpty().Max():0} ms; provider requests {_world.Proxy.Requests}");
        output.WriteLine($"quartz samples {sampler.Samples}, executing per instance: {string.Join(", ", sampler.ExecutingByInstance.Select(i => $"{i.Key} {i.Value}"))}");
        output.WriteLine($"jobs that threw: {thrown.Count}{string.Concat(thrown.Select(t => $"{Environment.NewLine}  {links.GetValueOrDefault(t.LinkId)}: {t.Exception}"))}");
        output.WriteLine(_world.Timings());
    }

    /// <summary>Whether every link finished at least <paramref name="runs"/> runs that started after <paramref name="since"/>.</summary>
    private async Task<bool> CompletedSinceAsync(IEnumerable<string> links, DateTimeOffset since, int runs)
    {
        var history = SyncRunHistory.RunsOf(await StoredSync.EventsAsync(_database!), []);
        return links.All(l => history.TryGetValue(l, out var r) && r.Count(x => x.Outcome == "completed" && x.StartedAt > since) >= runs);
    }

    private static string Held(StoredEvent e, string key)
    {
        var json = e.Json;
        return $"{json.GetProperty(key).GetString()}|{json.GetProperty("linkId").GetString()}";
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = _world.ProviderSettings("cluster");
        settings["Sync:IntervalSeconds"] = "1";
        settings["Sync:PageSize"] = "5";
        settings["Quartz:ThreadCount"] = "2"; // six links, two threads a node: neither node can take every job
        settings["Logging:LogLevel:NavusoftSync.Synchronization.Runs.SyncRun"] = "Information"; // "Link … synced": which host ran what
        return settings;
    }

    private static async Task SeedAsync(HttpClient admin)
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
        foreach (var provider in new[] { "microsoft", "google" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/admin/providers/{provider}", new { enabled = true, reviewTicket = "TR-42" })).StatusCode);
        }
    }

    /// <summary>Two threads with contacts, a stranger's message, the kick-off mail and meeting every mailbox has, and a meeting of its own.</summary>
    private static ScenarioMailbox InitialMailbox(string email, SandboxProvider provider, DateTimeOffset now, Expected expected)
    {
        var name = email.Split('@')[0];
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var messages = new List<ScenarioMessage>
        {
            new() { InternetMessageId = "<kickoff@customer.example>", Subject = "Kick-off", From = Contacts[0], To = [.. Mailboxes.Select(m => (SandboxAddress)m.Email)], SentAt = now.AddDays(-3), Body = "Welcome all" },
            new() { InternetMessageId = $"<{name}-a1@customer.example>", Thread = "a", Subject = "Skip pickup", From = Contacts[1], To = [email], SentAt = now.AddDays(-2) },
            new() { InternetMessageId = $"<{name}-a2@hauler.example>", Thread = "a", Subject = "Re: Skip pickup", From = email, To = [Contacts[1]], SentAt = now.AddDays(-2).AddHours(1) },
            new() { InternetMessageId = $"<{name}-b1@supplier.example>", Thread = "b", Subject = "Price list", From = Contacts[2], To = [email], SentAt = now.AddDays(-1) },
            new() { InternetMessageId = $"<{name}-x@elsewhere.example>", Subject = "Lunch?", From = "stranger@elsewhere.example", To = [email], SentAt = now.AddHours(-5) },
        };
        foreach (var m in messages.Where(m => !m.From.Address.StartsWith("stranger", StringComparison.Ordinal)))
        {
            expected.Hold(m.InternetMessageId!, email);
        }

        return new ScenarioMailbox
        {
            Email = email,
            Provider = provider,
            Messages = messages,
            Events =
            [
                new ScenarioEvent { ICalUId = "kickoff-meeting", Subject = "Kick-off meeting", Start = today.AddDays(2).AddHours(9), End = today.AddDays(2).AddHours(10), Organizer = Contacts[0], Attendees = [.. Mailboxes.Select(m => new ScenarioAttendee { Address = m.Email })] },
                new ScenarioEvent { ICalUId = $"{name}-yard-walk", Subject = "Yard walk", Start = today.AddDays(3).AddHours(14), End = today.AddDays(3).AddHours(15), Attendees = [new ScenarioAttendee { Address = Contacts[2] }] },
            ],
        };
    }

    /// <summary>The messages with a contact put in mailboxes: distinct Message-IDs, and (Message-ID, mailbox) pairs.</summary>
    private sealed class Expected
    {
        private readonly HashSet<string> _messages = new(StringComparer.Ordinal);
        private readonly HashSet<(string, string)> _holdings = [];

        public int Messages => _messages.Count;

        public int Holdings => _holdings.Count;

        public void Hold(string messageId, string mailbox)
        {
            _messages.Add(messageId);
            _holdings.Add((messageId, mailbox));
        }
    }
}
