using System.Diagnostics;
using System.Globalization;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Control;

namespace NavusoftSync.Bench;

// First sync under the realistic provider profile: three mailboxes with the same N messages (a share of them with one of
// the tenant's contacts), synced at the same time, each by its own host process on its own database, so each has its own
// quota: Google with Sync:FirstSyncPlan=scan, Google with Sync:FirstSyncPlan=planned, and Microsoft. Figures per run: wall
// time of the first sync, provider requests, quota units, throttled answers (the sandbox's realism counters per mailbox),
// items recorded (the SyncRunCompleted event). Prints its figures; no assertions.
//   dotnet run -c Release --project bench/Bench -- firstsync [--messages 50000] [--contacts 2000] [--contact-share 0.1]
//       [--latency-ms 150] [--jitter-ms 30] [--host-env KEY=VALUE]... [--lanes "google planned,microsoft"] (default: all three)
internal static class FirstSyncBench
{
    public static async Task RunAsync(string[] args)
    {
        var options = FirstSyncBenchOptions.Parse(args);
        var logs = Directory.CreateTempSubdirectory("firstsync-bench-").FullName;
        Console.WriteLine($"First-sync benchmark: {options.Messages:N0} messages per mailbox, {options.Contacts:N0} contacts, {options.ContactShare:P0} of the messages with a contact, "
            + $"latency {options.LatencyMs} ± {options.JitterMs} ms; {Environment.ProcessorCount} cores; load {SyncBench.Load()}; logs in {logs}");

        var sandboxUrl = $"http://127.0.0.1:{SyncBench.FreePort()}";
        await using var sandbox = ChildProcess.Start(SyncBench.Built("src/Tools/ProviderSandbox/bin/Release/net10.0/ProviderSandbox.dll"), ["--urls", sandboxUrl],
            new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning", ["Sandbox__RequestLogCapacity"] = "1000" }, Path.Combine(logs, "sandbox.log"));
        await sandbox.WaitReadyAsync($"{sandboxUrl}/_sandbox/health", TimeSpan.FromMinutes(1));
        using var control = new SandboxControlClient(new HttpClient { BaseAddress = new Uri(sandboxUrl + "/"), Timeout = TimeSpan.FromMinutes(10) });

        var now = DateTimeOffset.UtcNow;
        var lanes = FirstSyncLane.All().Where(lane => options.Lanes.Count == 0 || options.Lanes.Contains(lane.Name)).ToList();
        var contactMessages = 0;
        foreach (var lane in lanes)
        {
            contactMessages = await LoadMailboxAsync(control, lane, options, now);
        }

        Console.WriteLine($"Sandbox: {lanes.Count} mailboxes of {options.Messages:N0} messages ({contactMessages:N0} with a contact) loaded.");
        try
        {
            await Task.WhenAll(lanes.Select(lane => lane.StartAsync(sandboxUrl, options, logs)));
            Console.WriteLine($"Hosts ready, {options.Contacts:N0} contacts seeded in each tenant.");
            var realism = await control.SetRealismAsync(new RealismUpdate { Profile = RealismProfile.Realistic, LatencyMs = options.LatencyMs, JitterMs = options.JitterMs });
            await control.ResetRealismCountersAsync();
            Console.WriteLine($"Realism: {realism.Settings}");

            var runs = await Task.WhenAll(lanes.Select(lane => lane.FirstSyncAsync()));
            var counters = (await control.GetRealismAsync()).Mailboxes;
            Print(options, contactMessages, runs, counters);
        }
        finally
        {
            foreach (var lane in lanes)
            {
                await lane.DisposeAsync();
            }
        }
    }

    private static async Task<int> LoadMailboxAsync(SandboxControlClient control, FirstSyncLane lane, FirstSyncBenchOptions options, DateTimeOffset now)
    {
        // The same seed and clock for every mailbox: the same messages, only the owner's address differs.
        var data = new SyncData(lane.Owner, options.Accounts, options.ContactShare, now);
        await control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = lane.Owner,
            Provider = lane.Provider == "google" ? SandboxProvider.Google : SandboxProvider.Microsoft,
            DisplayName = "Bench User",
        });
        var loading = Stopwatch.StartNew();
        foreach (var chunk in data.Messages(options.Messages).Chunk(5_000))
        {
            await control.AddMessagesAsync(lane.Owner, chunk);
        }

        Console.WriteLine($"  {lane.Owner}: loaded in {loading.Elapsed.TotalSeconds:N1} s");
        return data.ContactMessages;
    }

    private static void Print(FirstSyncBenchOptions options, int contactMessages, IReadOnlyList<FirstSyncResult> runs, IReadOnlyDictionary<string, ProviderCounters> counters)
    {
        Console.WriteLine();
        Console.WriteLine($"===== First sync under the realistic profile: {options.Messages:N0} messages ({contactMessages:N0} with a contact), {options.Contacts:N0} contacts, latency {options.LatencyMs} ± {options.JitterMs} ms, side by side =====");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average at end {SyncBench.Load()}");
        Console.WriteLine($"{"run",-16} {"wall s",9} {"run s",9} {"requests",10} {"quota units",12} {"429/403",8} {"scanned",9} {"matched",9} {"recorded",9}");
        foreach (var run in runs)
        {
            var c = counters.TryGetValue(run.Lane.Owner, out var found) ? found : new ProviderCounters(0, 0, 0);
            var units = run.Lane.Provider == "google" ? c.Units.ToString("N0", CultureInfo.InvariantCulture) : "-";
            var mail = run.Figures?.Mail;
            Console.WriteLine($"{run.Lane.Name,-16} {run.Wall.TotalSeconds,9:N1} {run.Figures?.Duration.TotalSeconds,9:N1} {c.Requests,10:N0} {units,12} {c.Throttled,8:N0} "
                + (mail is null ? $"FAILED: {run.Failure}" : $"{mail.Scanned,9:N0} {mail.Matched,9:N0} {mail.Recorded,9:N0}"));
        }

        var recorded = runs.Select(r => r.Figures?.Mail.Recorded).Distinct().ToList();
        Console.WriteLine(recorded is [{ } all]
            ? $"items recorded: equal across the runs ({all:N0} messages)"
            : $"items recorded: NOT equal across the runs ({string.Join(", ", runs.Select(r => $"{r.Lane.Name} {r.Figures?.Mail.Recorded.ToString("N0", CultureInfo.InvariantCulture) ?? "failed"}"))})");
        Console.WriteLine("requests, quota units and 429/403: the sandbox's realism counters for the run's mailbox (Gmail and Calendar for Google, Graph inner requests for Microsoft); quota units are Gmail's.");
    }
}

internal sealed record FirstSyncResult(FirstSyncLane Lane, TimeSpan Wall, RunFigures? Figures, string? Failure);

internal sealed record FirstSyncBenchOptions(
    int Messages, int Contacts, double ContactShare, int LatencyMs, int JitterMs, IReadOnlyList<string> HostEnvironment, IReadOnlySet<string> Lanes)
{
    private const int ContactsPerAccount = 5; // SyncData.Account gives every account five contacts

    public int Accounts => Math.Max(1, Contacts / ContactsPerAccount);

    public static FirstSyncBenchOptions Parse(string[] args)
    {
        string? Text(string name) => Array.IndexOf(args, $"--{name}") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        int Get(string name, int fallback) => int.TryParse(Text(name), CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : fallback;

        return new(
            Get("messages", 50_000),
            Get("contacts", 2_000),
            double.TryParse(Text("contact-share"), CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 1 ? share : 0.1,
            Get("latency-ms", 150),
            Get("jitter-ms", 30),
            [.. args.Select((a, i) => (a, i)).Where(p => p.a == "--host-env" && p.i + 1 < args.Length && args[p.i + 1].Contains('=', StringComparison.Ordinal)).Select(p => args[p.i + 1])],
            (Text("lanes") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal));
    }
}
