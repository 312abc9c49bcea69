namespace NavusoftSync.Synchronization.Runs.Checks.Health;

/// <summary>What the run watchdog finds about one link.</summary>
internal enum RunHealthFinding
{
    Healthy,

    /// <summary>A run shows as running for longer than the time limit allows: the process running it is gone.</summary>
    StaleRun,

    /// <summary>No run has ended (completed or failed) for three of the link's intervals, and none is running.</summary>
    Overdue,
}

/// <summary>The run watchdog's rules and the sentences a link's status then shows.</summary>
internal static class RunHealthRules
{
    /// <summary>Intervals without a run ending after which a link is overdue.</summary>
    public const int OverdueIntervals = 3;

    /// <summary>Past the time limit, the time a stopped run has to commit its failure before the watchdog takes it for lost.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    public static RunHealthFinding Assess(LinkRunHealth health, DateTimeOffset now, TimeSpan timeLimit, TimeSpan interval) => health switch
    {
        { RunningRunId: not null, RunStartedAt: { } started } when now - started > timeLimit + Grace => RunHealthFinding.StaleRun,
        { RunningRunId: null } when now - health.LastEndedAt > interval * OverdueIntervals => RunHealthFinding.Overdue,
        _ => RunHealthFinding.Healthy,
    };

    public const string StaleRunReason =
        "The sync stopped without finishing (the server running it went away); a new sync has been started.";

    public static string OverdueReason(DateTimeOffset lastEndedAt) =>
        $"No sync of this account has finished since {lastEndedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC; a new sync has been started.";
}
