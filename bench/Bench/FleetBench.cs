using System.Diagnostics;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Bench;

/// <summary>
/// Many links on two hosts: one PostgreSQL database, one standalone sandbox (the realistic profile with <c>--latency-ms</c>
/// when given), two host processes (<c>Host:NodeName</c> host-a and host-b) sharing the database with clustered Quartz.
/// Tenants are seeded and every link is made through the real API; once every link has synced once, the measured phase
/// runs for <c>--minutes</c> with new mail trickling in, and halfway host-a is killed (SIGKILL). Figures from the event
/// store (run events and their <c>hostNode</c> headers), Quartz's tables, Marten's progression table and <c>/proc</c>.
/// Prints a table; no assertions.
/// <code>dotnet run -c Release --project bench/Bench -- fleet [--links 1000] [--tenants 100] [--interval 60] [--minutes 6]
///     [--latency-ms 0] [--threads 4] [--messages 20] [--events 5] [--trickle 2] [--parallel 8] [--no-kill]
///     [--checkin 10] [--checkin-threshold 20]</code>
/// </summary>
internal static class FleetBench
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(string[] args)
    {
        var options = FleetBenchOptions.Parse(args);
        var logs = Directory.CreateTempSubdirectory("fleet-bench-").FullName;
        Console.WriteLine($"Fleet benchmark: {options.Links:N0} links over {options.Tenants} tenants, interval {options.IntervalSeconds} s, {options.Minutes:N1} min measured, latency {(options.LatencyMs > 0 ? $"{options.LatencyMs} ms (realistic profile)" : "none")}, {options.Threads} Quartz threads per host; {Environment.ProcessorCount} cores; load {SyncBench.Load()}; logs in {logs}");
        var connectionString = await PostgresServer.CreateDatabaseAsync("fleetbench");
        var world = new FleetBenchWorld(options, logs, connectionString);
        try
        {
            var links = await SetUpAsync(world, options, connectionString);
            var measurement = await MeasureAsync(world, options, links, connectionString);
            var runs = await FleetBenchRuns.ReadAsync(connectionString);
            var schedules = await FleetBenchRuns.SchedulesAsync(connectionString);
            FleetBenchReport.Print(options, measurement, runs, schedules, world.Hosts.Select(h => h.Node).ToList());
        }
        finally
        {
            await world.DisposeAsync();
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task<List<FleetLink>> SetUpAsync(FleetBenchWorld world, FleetBenchOptions options, string connectionString)
    {
        var watch = Stopwatch.StartNew();
        await world.StartSandboxAsync();
        await world.AddMailboxesAsync();
        Console.WriteLine($"Sandbox: {options.Links:N0} mailboxes of {options.Messages} messages and {options.Events} events in {watch.Elapsed.TotalSeconds:N1} s.");
        watch.Restart();
        await world.StartHostAsync("host-a"); // creates the schemas; the second node joins the cluster after it
        await world.StartHostAsync("host-b");
        Console.WriteLine($"Hosts ready in {watch.Elapsed.TotalSeconds:N1} s: {string.Join(", ", world.Hosts.Select(h => $"{h.Node} (pid {h.Process.Id}, Quartz instance {h.QuartzInstance})"))}.");
        await world.MeasureIdleAsync(TimeSpan.FromSeconds(10));
        Console.WriteLine($"Idle hosts (no links yet): {string.Join(", ", world.Hosts.Select(h => $"{h.Node} {h.IdleCpuShare:P1} of a core"))}.");
        watch.Restart();
        await world.SeedTenantsAsync();
        Console.WriteLine($"Seeded {options.Tenants} tenants (5 accounts x 5 contacts, both providers enabled) in {watch.Elapsed.TotalSeconds:N1} s.");
        watch.Restart();
        var links = await world.LinkAllAsync();
        Console.WriteLine($"Linked {links.Count:N0} mailboxes through the consent flow in {watch.Elapsed.TotalSeconds:N1} s ({links.Count / watch.Elapsed.TotalSeconds:N1} links/s).");
        var deadline = DateTime.UtcNow.AddMinutes(10 + (options.Links / 100.0));
        int synced;
        while ((synced = await FleetBenchRuns.LinksSyncedAsync(connectionString)) < links.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
        }

        Console.WriteLine($"{synced:N0}/{links.Count:N0} links completed a first sync, {watch.Elapsed.TotalSeconds:N1} s after linking began.");
        return links;
    }

    private static async Task<FleetMeasurement> MeasureAsync(FleetBenchWorld world, FleetBenchOptions options, List<FleetLink> links, string connectionString)
    {
        await using var postgres = await FleetPostgresCpu.FindAsync(connectionString);
        postgres.Start();
        var start = DateTimeOffset.UtcNow;
        var end = start.AddMinutes(options.Minutes);
        var cpuBefore = CpuNow(world, postgres);
        foreach (var host in world.Hosts)
        {
            host.Memory.Mark("measured");
        }

        Console.WriteLine($"Measuring from {start:HH:mm:ss} to {end:HH:mm:ss} UTC{(options.Kill ? $"; host-a is killed at {start.AddMinutes(options.Minutes / 2):HH:mm:ss}" : string.Empty)}.");
        await using var lag = new FleetLagSampler(connectionString);
        using var stopTrickle = new CancellationTokenSource();
        var trickle = TrickleAsync(world, options, links, stopTrickle.Token);
        FleetKill? kill = null;
        if (options.Kill)
        {
            await DelayUntilAsync(start.AddMinutes(options.Minutes / 2));
            kill = await KillAsync(world.Hosts[0], connectionString, end);
        }

        await DelayUntilAsync(end);
        var cpuAfter = CpuNow(world, postgres);
        await stopTrickle.CancelAsync();
        var trickled = await trickle;
        await DelayUntilAsync(end + Grace); // runs due just before the end get to start
        var hosts = world.Hosts.ToDictionary(
            h => h.Node,
            h => new FleetHostFigures(
                (kill?.Node == h.Node ? kill.CpuAtKill : cpuAfter.Hosts[h.Node]) - cpuBefore.Hosts[h.Node],
                h.Memory.PeakOf("measured"),
                h.Process.HasExited ? 0 : h.Memory.Current,
                h.IdleCpuShare,
                ((kill?.Node == h.Node ? kill.At : end) - start).TotalSeconds));
        return new FleetMeasurement(start, end, end + Grace, kill, hosts, cpuAfter.Sandbox - cpuBefore.Sandbox, postgres.Known ? cpuAfter.Postgres : null, lag.Samples, trickled);
    }

    /// <summary>
    /// Kills the host (SIGKILL) once it has a sync job executing (or after 10 s), then reads the sync jobs its Quartz
    /// instance held (its fired-trigger rows stay until a surviving node recovers them: running jobs, and triggers it had
    /// acquired ahead of their fire time) and watches for the surviving node to declare it dead (its scheduler-state row
    /// deleted) until <paramref name="until"/>.
    /// </summary>
    private static async Task<FleetKill> KillAsync(FleetHost host, string connectionString, DateTimeOffset until)
    {
        for (var wait = Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(50))
        {
            if ((await FleetBenchRuns.HeldByAsync(connectionString, host.QuartzInstance)).Any(h => h.State == "EXECUTING"))
            {
                break;
            }
        }

        var cpu = host.Memory.CpuTime;
        var at = DateTimeOffset.UtcNow;
        host.Process.Kill();
        var held = await FleetBenchRuns.HeldByAsync(connectionString, host.QuartzInstance);
        Console.WriteLine($"Killed {host.Node} at {at:HH:mm:ss.fff}; its Quartz instance held {held.Count} sync job(s) ({string.Join(", ", held.GroupBy(h => h.State).Select(g => $"{g.Count()} {g.Key}"))}).");
        DateTimeOffset? detected = null;
        while (DateTimeOffset.UtcNow < until)
        {
            if (!await FleetBenchRuns.CheckedInAsync(connectionString, host.QuartzInstance))
            {
                detected = DateTimeOffset.UtcNow;
                Console.WriteLine($"The surviving node recovered {host.Node}'s Quartz instance {(detected.Value - at).TotalSeconds:N1} s after the kill.");
                break;
            }

            await Task.Delay(250);
        }

        return new FleetKill(host.Node, at, detected, held, cpu);
    }

    /// <summary>New mail with a contact of the mailbox's tenant into random mailboxes, <c>--trickle</c> per second; answers how many.</summary>
    private static async Task<int> TrickleAsync(FleetBenchWorld world, FleetBenchOptions options, List<FleetLink> links, CancellationToken stop)
    {
        if (options.TricklePerSecond <= 0)
        {
            return 0;
        }

        var random = new Random(7);
        var period = TimeSpan.FromSeconds(1 / options.TricklePerSecond);
        var count = 0;
        while (!stop.IsCancellationRequested)
        {
            var link = links[random.Next(links.Count)];
            await world.Control.AddMessageAsync(link.Mailbox, new ScenarioMessage
            {
                InternetMessageId = $"<fleet-trickle-{count}@customer.example>",
                Subject = $"Fleet trickle {count}",
                From = SyncData.ContactAddress(random.Next(5), random.Next(5)),
                To = [link.Mailbox],
                SentAt = DateTimeOffset.UtcNow.AddSeconds(-1),
                Body = "A new message while the fleet polls.",
            }, CancellationToken.None);
            count++;
            try
            {
                await Task.Delay(period, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return count;
    }

    private static (Dictionary<string, TimeSpan> Hosts, TimeSpan Sandbox, TimeSpan Postgres) CpuNow(FleetBenchWorld world, FleetPostgresCpu postgres) =>
        (world.Hosts.ToDictionary(h => h.Node, h => h.Process.HasExited ? TimeSpan.Zero : h.Memory.CpuTime), MemorySampler.CpuTimeOf(world.Sandbox.Id), postgres.Used);

    private static async Task DelayUntilAsync(DateTimeOffset at)
    {
        var wait = at - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
}

/// <summary>A killed host: when, when the surviving node declared it dead (null: not within the measured phase), the sync jobs it held, its CPU time at the kill.</summary>
internal sealed record FleetKill(string Node, DateTimeOffset At, DateTimeOffset? DetectedAt, List<(string LinkId, string State)> Held, TimeSpan CpuAtKill);

/// <summary>
/// A host's CPU time over the measured phase (until its kill), its peak resident set in it, its resident set at the end (0 when
/// killed), the share of a core it used idle before any link existed, and the seconds of the phase it was alive.
/// </summary>
internal sealed record FleetHostFigures(TimeSpan Cpu, long PeakRss, long EndRss, double IdleShare, double AliveSeconds)
{
    /// <summary>CPU time over what the host would have used idle while alive.</summary>
    public double CpuOverIdleSeconds => Math.Max(0, Cpu.TotalSeconds - (IdleShare * AliveSeconds));
}

/// <summary>What the measured phase saw besides the events: its bounds, the kill, per-host CPU and memory, sandbox and PostgreSQL CPU, the daemon's lag.</summary>
internal sealed record FleetMeasurement(
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset ObservedUntil,
    FleetKill? Kill,
    Dictionary<string, FleetHostFigures> Hosts,
    TimeSpan SandboxCpu,
    TimeSpan? PostgresCpu,
    IReadOnlyList<FleetLagSample> Lag,
    int Trickled);
