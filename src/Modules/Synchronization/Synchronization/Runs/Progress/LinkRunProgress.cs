namespace NavusoftSync.Synchronization.Runs.Progress;

/// <summary>
/// What the run underway of a link has committed so far (keyed by the link id): stored with the run's started event,
/// stored again in the transaction of every page it commits, and deleted with its completed or failed event (or by the
/// run watchdog ending it). Shown only while <see cref="RunId"/> is the link's running run
/// (<see cref="Checks.Health.LinkRunHealth.RunningRunId"/>), so a row a lost process left behind never shows.
/// </summary>
/// <param name="Scanned">Items of the provider's pages committed so far, mail and calendar together.</param>
/// <param name="Recorded">Of those, the items new in the mailbox or calendar (<see cref="SyncCounts.New"/>).</param>
internal sealed record LinkRunProgress(string Id, string RunId, DateTimeOffset StartedAt, SyncTrigger Trigger, int Scanned, int Recorded)
{
    public static LinkRunProgress Start(string linkId, string runId, DateTimeOffset startedAt, SyncTrigger trigger) => new(linkId, runId, startedAt, trigger, 0, 0);

    /// <summary>After one more commit: <paramref name="scanned"/> items of the page read, <paramref name="recorded"/> of them new.</summary>
    public LinkRunProgress After(int scanned, int recorded) => this with { Scanned = Scanned + scanned, Recorded = Recorded + recorded };
}
