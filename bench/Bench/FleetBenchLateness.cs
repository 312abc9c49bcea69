namespace NavusoftSync.Bench;

/// <summary>One due firing of a link's interval trigger and the run that served it: the first run of the link started at or after it.</summary>
internal sealed record FleetDue(string LinkId, DateTimeOffset Due, double LatenessSeconds, bool Served, string? Host);

/// <summary>
/// Lateness: a link's interval trigger is due at its start time and every interval after it; each due time in the measured
/// window is served by the link's first run (any trigger, any host) whose SyncRunStarted was stored at or after it, and its
/// lateness is that run's start minus the due time. A due time with no run by the end of the observation is unserved; its
/// lateness is at least the time from it to the end.
/// </summary>
internal static class FleetBenchLateness
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(100);

    public static List<FleetDue> Of(
        IReadOnlyList<FleetSchedule> schedules, IReadOnlyList<FleetRun> runs, TimeSpan interval, DateTimeOffset from, DateTimeOffset to, DateTimeOffset observedUntil)
    {
        var byLink = runs.GroupBy(r => r.LinkId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Started).ToList(), StringComparer.Ordinal);
        var dues = new List<FleetDue>();
        foreach (var schedule in schedules)
        {
            var linkRuns = byLink.GetValueOrDefault(schedule.LinkId) ?? [];
            var skipped = Math.Max(0, Math.Ceiling((from - schedule.StartAt) / interval));
            for (var due = schedule.StartAt + (skipped * interval); due <= to; due += interval)
            {
                var run = linkRuns.FirstOrDefault(r => r.Started >= due - Tolerance);
                dues.Add(run is null
                    ? new FleetDue(schedule.LinkId, due, (observedUntil - due).TotalSeconds, false, null)
                    : new FleetDue(schedule.LinkId, due, Math.Max(0, (run.Started - due).TotalSeconds), true, run.Host));
            }
        }

        return dues;
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>"p50 … p90 … p99 … max …" of the values, in seconds.</summary>
    public static string Distribution(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0
            ? "none"
            : $"p50 {Percentile(sorted, 0.5):N2} s, p90 {Percentile(sorted, 0.9):N2} s, p99 {Percentile(sorted, 0.99):N2} s, max {sorted[^1]:N2} s (n={sorted.Count:N0})";
    }
}
