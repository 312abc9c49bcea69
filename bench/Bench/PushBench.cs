using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Control;
using Npgsql;

namespace NavusoftSync.Bench;

/// <summary>
/// Push latency: a sandbox and a host in processes of their own, push on (Graph subscriptions, Gmail through the
/// sandbox's Pub/Sub, Calendar channels), links spread over both providers. Messages with a contact are added to the
/// sandbox one after another; each one's latency is from just before the sandbox was asked to add it to when its entry
/// is on the user's calendar (the Calendar projection's row, polled in PostgreSQL every 50 ms). Then the provider
/// requests of one quiet poll per provider, and what a quiet link costs per hour with push and without.
/// <code>dotnet run -c Release --project bench/Bench -- push [--links 20] [--messages 200] [--spacing-ms 150]</code>
/// </summary>
internal static class PushBench
{
    private const string Topic = "projects/navusoft-bench/topics/gmail";
    private const string ServiceAccount = "gmail-push@navusoft-bench.iam.gserviceaccount.com";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task RunAsync(string[] args)
    {
        var (links, messages, spacing) = (Option(args, "links", 20), Option(args, "messages", 200), Option(args, "spacing-ms", 150));
        var logs = Directory.CreateTempSubdirectory("push-bench-").FullName;
        Console.WriteLine($"Push benchmark: {links} links (half Microsoft, half Google), {messages} messages {spacing} ms apart; {Environment.ProcessorCount} cores; load {SyncBench.Load()}; logs in {logs}");

        var sandboxUrl = $"http://127.0.0.1:{SyncBench.FreePort()}";
        await using var sandbox = ChildProcess.Start(SyncBench.Built("src/Tools/ProviderSandbox/bin/Release/net10.0/ProviderSandbox.dll"), ["--urls", sandboxUrl],
            new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" }, Path.Combine(logs, "sandbox.log"));
        await sandbox.WaitReadyAsync($"{sandboxUrl}/_sandbox/health", TimeSpan.FromMinutes(1));
        using var control = new SandboxControlClient(new HttpClient { BaseAddress = new Uri(sandboxUrl + "/"), Timeout = TimeSpan.FromMinutes(2) });
        var mailboxes = Enumerable.Range(0, links).Select(i => i % 2 == 0 ? ($"push-ms-{i}@contoso.example", "microsoft") : ($"push-gg-{i}@bench-google.example", "google")).ToList();
        foreach (var (email, provider) in mailboxes)
        {
            await control.AddMailboxAsync(new ScenarioMailbox { Email = email, Provider = provider == "google" ? SandboxProvider.Google : SandboxProvider.Microsoft, DisplayName = email });
        }

        var connectionString = await PostgresServer.CreateDatabaseAsync("pushbench");
        try
        {
            var hostUrl = $"http://127.0.0.1:{SyncBench.FreePort()}";
            await using var host = ChildProcess.Start(SyncBench.Built("src/Host/bin/Release/net10.0/Host.dll"), ["--urls", hostUrl],
                HostEnvironment(connectionString, hostUrl, sandboxUrl), Path.Combine(logs, "host.log"));
            await host.WaitReadyAsync($"{hostUrl}/health/ready", TimeSpan.FromMinutes(3));
            using var sandboxControl = new HttpClient { BaseAddress = new Uri(sandboxUrl + "/_sandbox/") };
            using var pubsub = await sandboxControl.PostAsJsonAsync("pubsub/subscriptions", new { topic = Topic, pushEndpoint = $"{hostUrl}/api/webhooks/google/gmail", audience = $"{hostUrl}/api/webhooks/google/gmail", serviceAccountEmail = ServiceAccount });
            pubsub.EnsureSuccessStatusCode();

            var runs = new Dictionary<string, SyncBench.BenchRun>
            {
                ["microsoft"] = new(hostUrl, connectionString, "microsoft"),
                ["google"] = new(hostUrl, connectionString, "google"),
            };
            await runs["microsoft"].SeedAsync(1);
            await runs["google"].SeedAsync(0);
            var linkIds = new Dictionary<string, string>();
            foreach (var (email, provider) in mailboxes)
            {
                linkIds[email] = await runs[provider].LinkAsync(email);
            }

            var ready = Stopwatch.StartNew();
            await WaitAllPushActiveAsync(runs["microsoft"], links);
            Console.WriteLine($"{links} links linked, first syncs done and push Active on all in {ready.Elapsed.TotalSeconds:N1} s.");

            var latencies = await MeasureLatencyAsync(control, connectionString, mailboxes, messages, spacing);
            Report(latencies, mailboxes, messages);
            await ReportQuietCostAsync(control, runs, mailboxes, linkIds);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task<ConcurrentDictionary<int, double>> MeasureLatencyAsync(
        SandboxControlClient control, string connectionString, List<(string Email, string Provider)> mailboxes, int messages, int spacing)
    {
        var added = new ConcurrentDictionary<int, long>();
        var seen = new ConcurrentDictionary<int, double>();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var watcher = WatchCalendarAsync(connectionString, added, seen, clock, stop.Token);
        var contact = SyncData.ContactAddress(0, 0);
        for (var i = 0; i < messages; i++)
        {
            var (email, _) = mailboxes[i % mailboxes.Count];
            added[i] = clock.ElapsedTicks;
            await control.AddMessageAsync(email, new ScenarioMessage
            {
                InternetMessageId = $"<push-bench-{i}@customer.example>",
                Subject = Subject(i),
                From = contact,
                To = [email],
                SentAt = DateTimeOffset.UtcNow.AddSeconds(-1),
                Body = $"Push benchmark message {i}.",
            });
            await Task.Delay(spacing);
        }

        var deadline = Stopwatch.StartNew();
        while (seen.Count < messages && deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(200);
        }

        await stop.CancelAsync();
        await watcher;
        return seen;
    }

    /// <summary>Polls the user's calendar entries (the Calendar projection's table) for the benchmark's subjects; notes when each first appears.</summary>
    private static async Task WatchCalendarAsync(
        string connectionString, ConcurrentDictionary<int, long> added, ConcurrentDictionary<int, double> seen, Stopwatch clock, CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(CancellationToken.None);
        while (!stop.IsCancellationRequested)
        {
            await using (var command = new NpgsqlCommand("select data->>'title' from calendar.mt_doc_entry where data->>'owner' = @owner and data->>'title' like 'Push bench %'", connection))
            {
                command.Parameters.AddWithValue("owner", $"user:{SyncBench.UserSub}");
                await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
                var now = clock.ElapsedTicks;
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    if (int.TryParse(reader.GetString(0).AsSpan("Push bench ".Length), CultureInfo.InvariantCulture, out var i) && added.TryGetValue(i, out var at))
                    {
                        seen.TryAdd(i, (now - at) / (double)Stopwatch.Frequency);
                    }
                }
            }

            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static void Report(ConcurrentDictionary<int, double> seen, List<(string Email, string Provider)> mailboxes, int messages)
    {
        Console.WriteLine();
        Console.WriteLine($"===== Push benchmark: {messages} messages over {mailboxes.Count} links =====");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average at end {SyncBench.Load()}");
        foreach (var provider in new[] { "microsoft", "google", "both" })
        {
            var values = seen.Where(s => provider == "both" || mailboxes[s.Key % mailboxes.Count].Provider == provider).Select(s => s.Value).Order().ToList();
            var expected = Enumerable.Range(0, messages).Count(i => provider == "both" || mailboxes[i % mailboxes.Count].Provider == provider);
            Console.WriteLine(values.Count == 0
                ? $"{provider,-10} none of {expected} reached the calendar within 2 minutes"
                : $"{provider,-10} {values.Count}/{expected} on the calendar; latency p50 {Percentile(values, 0.50):N2} s, p95 {Percentile(values, 0.95):N2} s, max {values[^1]:N2} s");
        }

        Console.WriteLine("polling alone (Sync:IntervalSeconds 300, no push): a message waits for the next poll, uniformly 0-300 s: p50 about 150 s, p95 about 285 s, plus one run");
    }

    /// <summary>
    /// One quiet poll's provider requests per provider (a sync requested on a link with nothing new), and what a quiet link
    /// costs per hour: polls every 300 s without push; with push, polls every 900 s plus the upkeep's renewals.
    /// </summary>
    private static async Task ReportQuietCostAsync(
        SandboxControlClient control, Dictionary<string, SyncBench.BenchRun> runs, List<(string Email, string Provider)> mailboxes, Dictionary<string, string> linkIds)
    {
        foreach (var provider in new[] { "microsoft", "google" })
        {
            var email = mailboxes.First(m => m.Provider == provider).Email;
            var before = await control.GetRequestsAsync(mailbox: email);
            var triggered = DateTimeOffset.UtcNow;
            await runs[provider].RequestSyncAsync(linkIds[email]);
            await runs[provider].WaitForRunAsync(linkIds[email], triggered, Timeout);
            var perPoll = (await control.GetRequestsAsync(mailbox: email, afterSequence: before.Count == 0 ? null : before[^1].Sequence)).Count;

            // Upkeep per hour: Graph renews 3 subscriptions once 24 h remain of 10,060 minutes; Gmail's watch is renewed
            // daily; a Calendar channel (7 days) is stopped and made again once 24 h remain.
            var upkeep = provider == "microsoft" ? 3 / (10_060 / 60.0 - 24) : (1 / 24.0) + (2 / (7 * 24.0 - 24));
            Console.WriteLine($"{provider,-10} quiet poll: {perPoll} provider requests; per quiet link per hour: without push {perPoll * 12.0:N1} (12 polls), with push {(perPoll * 4.0) + upkeep:N2} (4 polls + {upkeep:N3} upkeep)");
        }
    }

    private static async Task WaitAllPushActiveAsync(SyncBench.BenchRun run, int links)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Timeout)
        {
            var answer = await run.MyLinksAsync();
            var active = answer.EnumerateArray().Count(l => l.GetProperty("lastSyncAt").ValueKind != JsonValueKind.Null
                && l.TryGetProperty("push", out var push) && push.GetProperty("status").GetString() == "Active");
            if (active == links)
            {
                return;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"Not every link had synced with push Active within {Timeout.TotalMinutes:N0} minutes: {(await run.MyLinksAsync()).GetRawText()}");
    }

    private static Dictionary<string, string> HostEnvironment(string connectionString, string hostUrl, string sandboxUrl)
    {
        var environment = SyncBench.BenchHostEnvironment(connectionString, hostUrl, sandboxUrl);
        environment["Providers__Google__PubSubTopic"] = Topic;
        environment["Providers__Google__PubSubAudience"] = $"{hostUrl}/api/webhooks/google/gmail";
        environment["Providers__Google__PubSubServiceAccount"] = ServiceAccount;
        environment["Links__WebhookBaseUrl"] = hostUrl;
        environment["Sync__IntervalSeconds"] = "300";
        environment["Sync__FallbackIntervalSeconds"] = "900";
        return environment;
    }

    private static string Subject(int i) => $"Push bench {i:D4}";

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static int Option(string[] args, string name, int fallback) =>
        Array.IndexOf(args, $"--{name}") is var at and >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
