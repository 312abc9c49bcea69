using System.Diagnostics;
using System.Globalization;
using NavusoftSync.Testing;

namespace NavusoftSync.Bench;

/// <summary>
/// One run of the first-sync benchmark: a mailbox, a host process of its own (with its own Sync:FirstSyncPlan) on a
/// database of its own, a tenant with the benchmark's contacts, and the link whose first sync is measured.
/// </summary>
internal sealed class FirstSyncLane(string name, string provider, string owner, string? plan) : IAsyncDisposable
{
    // A 50,000-message Gmail scan needs at least 250,000 quota units: 17 minutes at 15,000 a minute. The host's run time
    // limit and the wait here leave room for several times that.
    private static readonly TimeSpan RunTimeLimit = TimeSpan.FromMinutes(90);

    private ChildProcess? _host;
    private string? _connectionString;
    private SyncBench.BenchRun? _run;

    public string Name { get; } = name;

    public string Provider { get; } = provider;

    public string Owner { get; } = owner;

    public static IReadOnlyList<FirstSyncLane> All() =>
    [
        new("google scan", "google", "scan.user@bench-google.example", "scan"),
        new("google planned", "google", "planned.user@bench-google.example", "planned"),
        new("microsoft", "microsoft", "bench.user@contoso.example", null),
    ];

    public async Task StartAsync(string sandboxUrl, FirstSyncBenchOptions options, string logs)
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync("firstsync");
        var hostUrl = $"http://127.0.0.1:{SyncBench.FreePort()}";
        _host = ChildProcess.Start(
            SyncBench.Built("src/Host/bin/Release/net10.0/Host.dll"),
            ["--urls", hostUrl],
            Environment(options, hostUrl, sandboxUrl),
            Path.Combine(logs, $"host-{Name.Replace(' ', '-')}.log"));
        await _host.WaitReadyAsync($"{hostUrl}/health/ready", TimeSpan.FromMinutes(3));
        _run = new SyncBench.BenchRun(hostUrl, _connectionString, Provider);
        await _run.SeedAsync(options.Accounts);
    }

    /// <summary>Links the mailbox (which starts the first sync at once) and waits for that run to complete.</summary>
    public async Task<FirstSyncResult> FirstSyncAsync()
    {
        var run = _run ?? throw new InvalidOperationException("The lane's host is not started.");
        var watch = Stopwatch.StartNew();
        var triggered = DateTimeOffset.UtcNow;
        var linkId = await run.LinkAsync(Owner);
        try
        {
            var figures = await run.WaitForRunAsync(linkId, triggered, RunTimeLimit + TimeSpan.FromMinutes(5));
            Console.WriteLine($"  {Name}: first sync done in {watch.Elapsed.TotalSeconds:N1} s");
            return new FirstSyncResult(this, watch.Elapsed, figures, null);
        }
        catch (InvalidOperationException failed)
        {
            // A failed run (e.g. retries exhausted under throttling) is a figure too: the other runs go on.
            Console.WriteLine($"  {Name}: first sync FAILED after {watch.Elapsed.TotalSeconds:N1} s: {failed.Message}");
            return new FirstSyncResult(this, watch.Elapsed, null, failed.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_connectionString is not null)
        {
            await PostgresServer.DropDatabaseAsync(_connectionString);
        }
    }

    private Dictionary<string, string> Environment(FirstSyncBenchOptions options, string hostUrl, string sandboxUrl)
    {
        var environment = SyncBench.BenchHostEnvironment(_connectionString!, hostUrl, sandboxUrl);
        environment["Logging__LogLevel__NavusoftSync.Synchronization"] = "Information";
        environment["Sync__IntervalSeconds"] = "3600"; // no scheduled run besides the measured one
        environment["Sync__RunTimeLimitSeconds"] = RunTimeLimit.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        if (plan is not null)
        {
            environment["Sync__FirstSyncPlan"] = plan;
        }

        foreach (var setting in options.HostEnvironment)
        {
            var at = setting.IndexOf('=', StringComparison.Ordinal);
            environment[setting[..at]] = setting[(at + 1)..];
        }

        return environment;
    }
}
