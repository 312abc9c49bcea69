using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Control;

namespace NavusoftSync.Bench;

/// <summary>
/// The completeness check's cost: a sandbox mailbox of N messages (about <c>--contact-share</c> of them with a contact of
/// the <c>--accounts</c> x 5 contact addresses), linked and synced; then <c>--omit</c> new messages that the change feed
/// leaves out (the sandbox's OmitFromFeed fault), an incremental sync that misses them, and the check asked for over HTTP
/// (<c>POST /api/me/links/{linkId}/check</c>). Prints the check's provider requests and wall time, per 1,000 items checked
/// and per 1,000 contact addresses searched. Host and sandbox run as processes of their own, as in the sync benchmark.
/// <code>dotnet run -c Release --project bench/Bench -- check [--provider microsoft|google] [--messages 10000] [--accounts 200] [--contact-share 0.1] [--omit 20]</code>
/// </summary>
internal static class CheckBench
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    public static async Task RunAsync(string[] args)
    {
        var options = CheckBenchOptions.Parse(args);
        var logs = Directory.CreateTempSubdirectory("check-bench-").FullName;
        Console.WriteLine($"Check benchmark: {options.Provider}, {options.Messages:N0} messages, {options.Accounts * 5:N0} contact addresses, {options.Omit} omitted from the feed; {Environment.ProcessorCount} cores; load {SyncBench.Load()}; logs in {logs}");
        var sandboxUrl = $"http://127.0.0.1:{SyncBench.FreePort()}";
        await using var sandbox = ChildProcess.Start(SyncBench.Built("src/Tools/ProviderSandbox/bin/Release/net10.0/ProviderSandbox.dll"), ["--urls", sandboxUrl],
            new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning", ["Sandbox__RequestLogCapacity"] = "2000000" }, Path.Combine(logs, "sandbox.log"));
        await sandbox.WaitReadyAsync($"{sandboxUrl}/_sandbox/health", TimeSpan.FromMinutes(1));
        using var control = new SandboxControlClient(new HttpClient { BaseAddress = new Uri(sandboxUrl + "/"), Timeout = TimeSpan.FromMinutes(10) });
        var owner = options.Provider == "google" ? "bench.user@bench-google.example" : "bench.user@contoso.example";
        var data = new SyncData(owner, options.Accounts, options.ContactShare, DateTimeOffset.UtcNow);
        await control.AddMailboxAsync(new ScenarioMailbox { Email = owner, Provider = options.Provider == "google" ? SandboxProvider.Google : SandboxProvider.Microsoft, DisplayName = "Bench User" });
        foreach (var chunk in data.Messages(options.Messages).Chunk(5_000))
        {
            await control.AddMessagesAsync(owner, chunk);
        }

        var connectionString = await PostgresServer.CreateDatabaseAsync("checkbench");
        try
        {
            var hostUrl = $"http://127.0.0.1:{SyncBench.FreePort()}";
            var environment = SyncBench.BenchHostEnvironment(connectionString, hostUrl, sandboxUrl);
            environment["Sync__IntervalSeconds"] = "3600";
            environment["Sync__RunTimeLimitSeconds"] = "3600";
            await using var host = ChildProcess.Start(SyncBench.Built("src/Host/bin/Release/net10.0/Host.dll"), ["--urls", hostUrl], environment, Path.Combine(logs, "host.log"));
            await host.WaitReadyAsync($"{hostUrl}/health/ready", TimeSpan.FromMinutes(3));
            await MeasureAsync(new SyncBench.BenchRun(hostUrl, connectionString, options.Provider), hostUrl, control, data, options);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task MeasureAsync(SyncBench.BenchRun run, string hostUrl, SandboxControlClient control, SyncData data, CheckBenchOptions options)
    {
        await run.SeedAsync(options.Accounts);
        var linkId = await run.LinkAsync(data.Owner);
        await run.WaitForRunAsync(linkId, DateTimeOffset.MinValue, Timeout);
        await run.SettleAsync(linkId, Timeout);
        Console.WriteLine($"Linked and synced: {data.ContactMessages:N0} messages with a contact so far.");

        await control.AddFaultAsync(new FaultSpec { Mailbox = data.Owner, Kind = FaultKind.OmitFromFeed, Count = options.Omit });
        await control.AddMessagesAsync(data.Owner, data.NewMessages(options.Omit));
        var synced = DateTimeOffset.UtcNow;
        await run.RequestSyncAsync(linkId);
        await run.WaitForRunAsync(linkId, synced, Timeout);
        await run.SettleAsync(linkId, Timeout);

        var before = await control.GetRequestsAsync(mailbox: data.Owner) is [.., var last] ? last.Sequence : 0;
        using var user = BenchLinking.Client(hostUrl, Tokens.User(SyncBench.Tenant, SyncBench.UserSub));
        var watch = Stopwatch.StartNew();
        var triggered = DateTimeOffset.UtcNow;
        using (var asked = await user.PostAsync(new Uri($"/api/me/links/{linkId}/check", UriKind.Relative), null))
        {
            asked.EnsureSuccessStatusCode();
        }

        var check = await run.WaitForRunAsync(linkId, triggered, Timeout);
        var wall = watch.Elapsed;
        var requests = await control.GetRequestsAsync(mailbox: data.Owner, afterSequence: before);
        await run.SettleAsync(linkId, Timeout);
        Print(options, wall, check, requests, await CompletenessAsync(run, linkId));
    }

    private static async Task<JsonElement> CompletenessAsync(SyncBench.BenchRun run, string linkId) =>
        (await run.MyLinksAsync()).EnumerateArray().Single(l => l.GetProperty("linkId").GetString() == linkId).GetProperty("completeness");

    private static void Print(CheckBenchOptions options, TimeSpan wall, RunFigures check, IReadOnlyList<RequestLogEntry> requests, JsonElement completeness)
    {
        var expected = completeness.GetProperty("expected").GetInt32();
        var addresses = options.Accounts * 5;
        var searches = requests.Count(r => r.Query.Contains("search", StringComparison.OrdinalIgnoreCase) || r.Query.Contains("q=", StringComparison.Ordinal));
        Console.WriteLine();
        Console.WriteLine($"===== Completeness check: {options.Provider}, {options.Messages:N0} messages, {addresses:N0} contact addresses =====");
        Console.WriteLine($"completeness:          {completeness}");
        Console.WriteLine($"run:                   {check.Duration.TotalSeconds:N2} s (wall from POST to completed event {wall.TotalSeconds:N2} s); mail {check.Mail}; calendar {check.Calendar}");
        Console.WriteLine($"provider requests:     {requests.Count:N0} ({searches:N0} search pages), {requests.Sum(r => r.DurationMs) / 1000:N2} s of sandbox time");
        Console.WriteLine($"per 1,000 items checked (expected {expected:N0}): {requests.Count * 1000.0 / Math.Max(1, expected):N0} requests, {check.Duration.TotalSeconds * 1000 / Math.Max(1, expected):N2} s");
        Console.WriteLine($"per 1,000 contact addresses searched: {requests.Count * 1000.0 / addresses:N0} requests, {check.Duration.TotalSeconds * 1000 / addresses:N2} s");
        Console.WriteLine($"machine:               load average at end {SyncBench.Load()}");
    }
}

internal sealed record CheckBenchOptions(string Provider, int Messages, int Accounts, double ContactShare, int Omit)
{
    public static CheckBenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault();
        return new CheckBenchOptions(
            Value("provider") ?? "microsoft",
            int.Parse(Value("messages") ?? "10000", CultureInfo.InvariantCulture),
            int.Parse(Value("accounts") ?? "200", CultureInfo.InvariantCulture),
            double.Parse(Value("contact-share") ?? "0.1", CultureInfo.InvariantCulture),
            int.Parse(Value("omit") ?? "20", CultureInfo.InvariantCulture));
    }
}
