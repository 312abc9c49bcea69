namespace NavusoftSync.Bench;

/// <summary>The fleet benchmark's table of figures: lateness, runs per host, the kill and takeover, the daemon's lag, CPU and memory, the ceiling.</summary>
internal static class FleetBenchReport
{
    public static void Print(FleetBenchOptions options, FleetMeasurement m, List<FleetRun> runs, List<FleetSchedule> schedules, List<string> nodes)
    {
        var interval = TimeSpan.FromSeconds(options.IntervalSeconds);
        var dues = FleetBenchLateness.Of(schedules, runs, interval, m.Start, m.End, m.ObservedUntil);
        var measured = runs.Where(r => r.Started >= m.Start && r.Started <= m.End).ToList();
        Console.WriteLine();
        Console.WriteLine($"===== Fleet benchmark: {options.Links:N0} links / {options.Tenants} tenants on {nodes.Count} hosts, interval {options.IntervalSeconds} s, {options.Minutes:N1} min measured =====");
        Row("machine", $"{Environment.ProcessorCount} cores, load average at end {SyncBench.Load()}; sandbox latency {(options.LatencyMs > 0 ? $"{options.LatencyMs} ms (realistic profile)" : "none")}; Quartz {options.Threads} threads per host, check-in {options.CheckinSeconds} s, check-in misfire threshold {options.CheckinThresholdSeconds} s");
        Row("links scheduled", $"{schedules.Count:N0} interval triggers; {m.Trickled:N0} new messages trickled in during the phase");
        PrintLateness(dues, m, interval);
        PrintRuns(measured, nodes);
        if (m.Kill is { } kill)
        {
            PrintKill(kill, runs, options, dues);
        }

        PrintLag(m);
        PrintResources(m, measured, nodes);
        var ceiling = PrintCeiling(options, m, measured, nodes.Count);
        PrintMarkdown(options, m, dues, measured, nodes, ceiling);
    }

    /// <summary>The headline figures as one markdown table row (for docs/benchmarks.md), with its header.</summary>
    private static void PrintMarkdown(FleetBenchOptions options, FleetMeasurement m, List<FleetDue> dues, List<FleetRun> measured, List<string> nodes, double ceiling)
    {
        var lateness = dues.Select(d => d.LatenessSeconds).Order().ToList();
        var within = dues.Count(d => d.Served && d.LatenessSeconds <= options.IntervalSeconds);
        var split = string.Join(" / ", nodes.Select(n => measured.Count(r => r.Host == n).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)));
        var takeover = m.Kill is { DetectedAt: { } d } kill ? $"{(d - kill.At).TotalSeconds:N1} s" : "—";
        var lag = m.Lag.Count == 0 ? "—" : $"{m.Lag.Max(l => l.EventsBehind):N0} ev / {m.Lag.Max(l => l.SecondsBehind):N1} s";
        var cpu = (m.Hosts.Values.Sum(h => h.CpuOverIdleSeconds) + (m.PostgresCpu?.TotalSeconds ?? 0)) * 1000 / Math.Max(1, measured.Count);
        Console.WriteLine();
        Console.WriteLine("| links / tenants | interval | latency | due firings within interval | lateness p99 / max | runs per host | kill → Quartz recovery | daemon lag max | host+PG CPU per run | ceiling (links at this interval) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {options.Links:N0} / {options.Tenants} | {options.IntervalSeconds} s | {(options.LatencyMs > 0 ? $"{options.LatencyMs} ms" : "none")} | {within:N0}/{dues.Count:N0} | {FleetBenchLateness.Percentile(lateness, 0.99):N2} s / {(lateness.Count == 0 ? 0 : lateness[^1]):N2} s | {split} | {takeover} | {lag} | {cpu:N1} ms | ~{ceiling * options.IntervalSeconds:N0} |");
    }

    private static void PrintLateness(List<FleetDue> dues, FleetMeasurement m, TimeSpan interval)
    {
        var served = dues.Where(d => d.Served).ToList();
        var within = dues.Count(d => d.Served && d.LatenessSeconds <= interval.TotalSeconds);
        Row("due firings", $"{dues.Count:N0} in the phase; run within one interval of due: {within:N0} ({(double)within / Math.Max(1, dues.Count):P1}); no run by {(m.ObservedUntil - m.End).TotalSeconds:N0} s after the end: {dues.Count - served.Count:N0}");
        Row("lateness (all)", FleetBenchLateness.Distribution(dues.Select(d => d.LatenessSeconds)));
        if (dues.MaxBy(d => d.LatenessSeconds) is { } worst)
        {
            Row("worst lateness", $"{worst.LatenessSeconds:N2} s: link {worst.LinkId}, due {worst.Due:HH:mm:ss.fff}, {(worst.Served ? $"run by {worst.Host}" : "no run by the end")}");
        }

        if (m.Kill is { } kill)
        {
            var recovered = kill.DetectedAt ?? m.End;
            Row("  before the kill", FleetBenchLateness.Distribution(dues.Where(d => d.Due < kill.At).Select(d => d.LatenessSeconds)));
            Row("  kill → recovery", FleetBenchLateness.Distribution(dues.Where(d => d.Due >= kill.At && d.Due < recovered).Select(d => d.LatenessSeconds)));
            Row("  after recovery", FleetBenchLateness.Distribution(dues.Where(d => d.Due >= recovered).Select(d => d.LatenessSeconds)));
        }
    }

    private static void PrintRuns(List<FleetRun> measured, List<string> nodes)
    {
        var outcomes = string.Join(", ", measured.GroupBy(r => r.Outcome ?? "no end").Select(g => $"{g.Count():N0} {g.Key}"));
        Row("runs started", $"{measured.Count:N0} ({outcomes})");
        foreach (var node in nodes)
        {
            var mine = measured.Where(r => r.Host == node).ToList();
            Row($"  by {node}", $"{mine.Count:N0} ({(double)mine.Count / Math.Max(1, measured.Count):P1}); duration {FleetBenchLateness.Distribution(mine.Where(r => r.Duration is not null).Select(r => r.Duration!.Value.TotalSeconds))}");
        }

        if (measured.Where(r => !nodes.Contains(r.Host)).ToList() is { Count: > 0 } others)
        {
            Row("  by other nodes", $"{others.Count:N0} ({string.Join(", ", others.Select(r => r.Host).Distinct())})");
        }
    }

    private static void PrintKill(FleetKill kill, List<FleetRun> runs, FleetBenchOptions options, List<FleetDue> dues)
    {
        var threshold = options.CheckinSeconds + options.CheckinThresholdSeconds;
        // Rows the dead instance still holds after the kill: jobs it was running and triggers it had acquired ahead of their fire time.
        Row("kill", $"{kill.Node} killed at {kill.At:HH:mm:ss.fff}; Quartz declared it dead after {(kill.DetectedAt is { } d ? $"{(d - kill.At).TotalSeconds:N1} s" : "— (not within the phase)")} (Quartz convicts a node check-in interval + threshold = {threshold} s after its last check-in, at a survivor's next check-in: {options.CheckinThresholdSeconds}–{threshold + options.CheckinSeconds} s after a kill)");
        var inFlight = runs.Where(r => r.Host == kill.Node && r.Ended is null && r.Started <= kill.At).Select(r => r.LinkId).Distinct().ToList();
        Row("  runs cut off", $"{inFlight.Count} run(s) of {kill.Node} never ended; {Takeover(inFlight, runs, kill)}");
        var held = kill.Held.Select(h => h.LinkId).Distinct().ToList();
        Row("  jobs it held", $"{held.Count} ({string.Join(", ", kill.Held.GroupBy(h => h.State).Select(g => $"{g.Count()} {g.Key}"))}); {Takeover(held, runs, kill)}");
        var afterKill = dues.Where(d => d.Due >= kill.At && d.Served).ToList();
        Row("  due after the kill", $"{afterKill.Count:N0} firings served, {afterKill.Count(d => d.Host == kill.Node)} by {kill.Node} (must be 0)");
    }

    /// <summary>For the given links: how long after the kill each next started a run (on any host), worst and mean.</summary>
    private static string Takeover(List<string> links, List<FleetRun> runs, FleetKill kill)
    {
        if (links.Count == 0)
        {
            return "nothing to take over";
        }

        var next = links.Select(l => runs.Where(r => r.LinkId == l && r.Started > kill.At).MinBy(r => r.Started)).ToList();
        var taken = next.Where(r => r is not null).Select(r => (r!.Started - kill.At).TotalSeconds).Order().ToList();
        return taken.Count == 0
            ? "none ran again within the phase"
            : $"{taken.Count}/{links.Count} ran again after the kill on {string.Join(", ", next.Where(r => r is not null).Select(r => r!.Host).Distinct())}: worst {taken[^1]:N1} s, mean {taken.Average():N1} s after it";
    }

    private static void PrintLag(FleetMeasurement m)
    {
        var lag = m.Lag;
        Row("daemon lag", $"{lag.Count} samples (1/s); events behind {FleetBenchLateness.Distribution(lag.Select(l => (double)l.EventsBehind)).Replace(" s", string.Empty, StringComparison.Ordinal)}");
        Row("  seconds behind", FleetBenchLateness.Distribution(lag.Select(l => l.SecondsBehind)));
        if (m.Kill is { } kill)
        {
            var before = lag.Where(l => l.At < kill.At).ToList();
            Row("  before the kill", before.Count == 0 ? "no samples" : $"max {before.Max(l => l.EventsBehind):N0} events, {before.Max(l => l.SecondsBehind):N1} s behind");
            var around = lag.Where(l => l.At >= kill.At && l.At <= (kill.DetectedAt ?? m.End).AddSeconds(30)).ToList();
            Row("  around the kill", around.Count == 0 ? "no samples" : $"max {around.Max(l => l.EventsBehind):N0} events, {around.Max(l => l.SecondsBehind):N1} s behind (from the kill to 30 s after recovery)");
        }

        if (lag.Where(l => l.EventsBehind > 0).GroupBy(l => l.Slowest).MaxBy(g => g.Count()) is { } slowest)
        {
            Row("  slowest most often", $"{slowest.Key} ({slowest.Count()} samples)");
        }
    }

    private static void PrintResources(FleetMeasurement m, List<FleetRun> measured, List<string> nodes)
    {
        foreach (var node in nodes)
        {
            var host = m.Hosts[node];
            Row($"host {node}", $"CPU {host.Cpu.TotalSeconds:N1} s ({host.Cpu.TotalSeconds / Math.Max(1, host.AliveSeconds):P0} of a core over {host.AliveSeconds:N0} s alive); RSS peak {Mb(host.PeakRss)}, at end {(host.EndRss == 0 ? "— (killed)" : Mb(host.EndRss))}");
        }

        var runs = Math.Max(1, measured.Count);
        Row("CPU per run", $"hosts {HostCpuPerRun(m, runs) * 1000:N1} ms over their idle use (idle: {string.Join(", ", m.Hosts.Select(h => $"{h.Key} {h.Value.IdleShare:P1} of a core"))}), {m.Hosts.Values.Sum(h => h.Cpu.TotalSeconds) * 1000 / runs:N1} ms in all; PostgreSQL {(m.PostgresCpu is { } pg ? $"{pg.TotalMilliseconds / runs:N1} ms" : "— (postmaster not found)")}; sandbox {m.SandboxCpu.TotalMilliseconds / runs:N1} ms");
    }

    private static double HostCpuPerRun(FleetMeasurement m, int runs) => m.Hosts.Values.Sum(h => h.CpuOverIdleSeconds) / runs;

    /// <summary>
    /// The ceiling, extrapolated from this phase (no second phase): the CPU bound (this machine's cores, less the hosts' idle
    /// use, over the host CPU per run above idle plus PostgreSQL's per run; the sandbox stands for the providers and is left out) and the thread bound (hosts × Quartz
    /// threads over the mean run duration), each as runs per second and as links at this interval; the lower one is the ceiling (answered, in runs per second).
    /// </summary>
    private static double PrintCeiling(FleetBenchOptions options, FleetMeasurement m, List<FleetRun> measured, int hosts)
    {
        var seconds = (m.End - m.Start).TotalSeconds;
        var runs = Math.Max(1, measured.Count);
        var cpuPerRun = HostCpuPerRun(m, runs) + ((m.PostgresCpu?.TotalSeconds ?? 0) / runs);
        var durations = measured.Where(r => r.Duration is not null).Select(r => r.Duration!.Value.TotalSeconds).DefaultIfEmpty(0).Average();
        var cpuBound = Math.Max(0, Environment.ProcessorCount - m.Hosts.Values.Sum(h => h.IdleShare)) / Math.Max(1e-6, cpuPerRun);
        var threadBound = hosts * options.Threads / Math.Max(1e-6, durations);
        Row("throughput", $"{measured.Count / seconds:N1} runs/s measured (the schedule asks {options.Links / (double)options.IntervalSeconds:N1} runs/s)");
        Row("ceiling: CPU", $"{cpuBound:N1} runs/s = {cpuBound * options.IntervalSeconds:N0} links at {options.IntervalSeconds} s ({Environment.ProcessorCount} cores less the hosts' idle use / {cpuPerRun * 1000:N1} ms host (over idle) + PostgreSQL CPU per run)");
        Row("ceiling: threads", $"{threadBound:N1} runs/s = {threadBound * options.IntervalSeconds:N0} links at {options.IntervalSeconds} s ({hosts} hosts x {options.Threads} threads / {durations:N2} s mean run)");
        var (bound, name) = cpuBound <= threadBound ? (cpuBound, "CPU") : (threadBound, "Quartz threads");
        Row("ceiling", $"about {bound * options.IntervalSeconds:N0} links at a {options.IntervalSeconds} s interval on this machine, bound by {name} (extrapolated from CPU and duration per run, not measured by a second phase)");
        return bound;
    }

    private static void Row(string name, string value) => Console.WriteLine($"{name,-22} {value}");

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:N0} MiB";
}
