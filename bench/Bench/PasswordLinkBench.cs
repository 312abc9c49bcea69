using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.Testing;

namespace NavusoftSync.Bench;

/// <summary>
/// What the IMAP and CalDAV benchmarks share: the built host in a process of its own, pointed at the test mail servers
/// (<see cref="MailServers.Configuration"/>), with IDLE off and an hour's poll interval so only the measured runs happen;
/// the accounts seeded and the provider enabled; a password link made over HTTP (its first sync starts at once) and an
/// incremental sync requested over HTTP, each timed from the request to its <c>SyncRunCompleted</c>; the host's resident
/// set sampled per phase.
/// </summary>
internal sealed class PasswordLinkBench : IAsyncDisposable
{
    private readonly ChildProcess _host;
    private readonly MemorySampler _memory;
    private readonly HttpClient _user;
    private long _idle;

    private PasswordLinkBench(ChildProcess host, MemorySampler memory, SyncBench.BenchRun run, HttpClient user)
    {
        (_host, _memory, Run, _user) = (host, memory, run, user);
    }

    public SyncBench.BenchRun Run { get; }

    public static async Task<PasswordLinkBench> StartAsync(string connectionString, string provider, int accounts)
    {
        var hostDll = SyncBench.Built("src/Host/bin/Release/net10.0/Host.dll");
        var logs = Directory.CreateTempSubdirectory($"{provider}-bench-").FullName;
        var hostUrl = $"http://127.0.0.1:{SyncBench.FreePort()}";
        var environment = SyncBench.BenchHostEnvironment(connectionString, hostUrl, "http://127.0.0.1:9");
        foreach (var (key, value) in MailServers.Configuration())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? string.Empty;
        }

        environment["Sync__IntervalSeconds"] = "3600";
        environment["Sync__ImapIdleConnections"] = "0";
        environment["Logging__LogLevel__NavusoftSync.Synchronization"] = "Information";
        var host = ChildProcess.Start(hostDll, ["--urls", hostUrl], environment, Path.Combine(logs, "host.log"));
        await host.WaitReadyAsync($"{hostUrl}/health/ready", TimeSpan.FromMinutes(3));
        Console.WriteLine($"Host started (logs in {logs}).");
        var memory = new MemorySampler(host.Id);
        var run = new SyncBench.BenchRun(hostUrl, connectionString, provider);
        memory.Mark("seed");
        await run.SeedAsync(accounts);
        var user = BenchLinking.Client(hostUrl, Tokens.User(SyncBench.Tenant, SyncBench.UserSub));
        var bench = new PasswordLinkBench(host, memory, run, user);
        await Task.Delay(TimeSpan.FromSeconds(2)); // let the host settle after seeding before its idle size is read
        bench._idle = memory.Current;
        return bench;
    }

    /// <summary>Links the mailbox (<c>POST /api/me/links</c> with <paramref name="body"/>) and waits for the first sync: the link and its figures.</summary>
    public async Task<(string LinkId, (RunFigures Run, TimeSpan Wall) First)> LinkAndSyncAsync(object body, TimeSpan timeout)
    {
        _memory.Mark("first");
        var watch = Stopwatch.StartNew();
        var triggered = DateTimeOffset.UtcNow;
        using var response = await _user.PostAsJsonAsync("/api/me/links", body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Linking answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var linkId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("linkId").GetString()!;
        var first = await Run.WaitForRunAsync(linkId, triggered, timeout);
        return (linkId, (first, watch.Elapsed));
    }

    public Task SettleAsync(string linkId, TimeSpan timeout) => Run.SettleAsync(linkId, timeout);

    /// <summary>An incremental sync requested over HTTP, timed to its completion.</summary>
    public async Task<(RunFigures Run, TimeSpan Wall)> SyncAsync(string linkId, TimeSpan timeout)
    {
        _memory.Mark("incremental");
        var watch = Stopwatch.StartNew();
        var triggered = DateTimeOffset.UtcNow;
        await Run.RequestSyncAsync(linkId);
        var run = await Run.WaitForRunAsync(linkId, triggered, timeout);
        return (run, watch.Elapsed);
    }

    public static void Print(string name, (RunFigures Run, TimeSpan Wall) figures, bool mail)
    {
        var (run, wall) = figures;
        var part = mail ? run.Mail : run.Calendar;
        var seconds = Math.Max(0.001, run.Duration.TotalSeconds);
        Console.WriteLine($"{name}:");
        Console.WriteLine($"  wall time            {wall.TotalSeconds:N2} s from request to SyncRunCompleted seen (run itself {run.Duration.TotalSeconds:N2} s)");
        Console.WriteLine($"  mail                 {run.Mail}");
        Console.WriteLine($"  calendar             {run.Calendar}");
        Console.WriteLine($"  {(mail ? "messages" : "events"),-8} scanned/s   {part.Scanned / seconds:N0} (over the whole run)");
    }

    public void PrintMemory() => Console.WriteLine(
        $"host memory (RSS):     idle after seeding {Mb(_idle)}; peak during first sync {Mb(_memory.PeakOf("first"))} (+{Mb(_memory.PeakOf("first") - _idle)} over idle); " +
        $"peak during incremental {Mb(_memory.PeakOf("incremental"))}; lifetime peak (VmHWM) {Mb(_memory.LifetimePeak)}");

    public async ValueTask DisposeAsync()
    {
        _user.Dispose();
        await _memory.DisposeAsync();
        await _host.DisposeAsync();
    }

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:N0} MiB";
}
