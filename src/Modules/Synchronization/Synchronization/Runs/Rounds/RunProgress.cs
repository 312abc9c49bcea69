using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Runs.Progress;

namespace NavusoftSync.Synchronization.Runs.Rounds;

/// <summary>
/// One run's progress: the link's cursors as the run last committed them (loaded once per run), the items it skipped,
/// the privacy rules of the link's mailbox (<see cref="PrivacyFilter.For"/>, loaded once per run: the page loop
/// filters with no database read per item), and what the run has committed so far as the link shows it
/// (<see cref="LinkRunProgress"/>, stored with every page commit).
/// </summary>
internal sealed class RunProgress(string linkId, SyncCursors initial, PrivacyFilter privacy, LinkRunProgress? committed = null)
{
    public string LinkId { get; } = linkId;

    public SyncCursors Current { get; set; } = initial;

    public SkippedList Skipped { get; } = new();

    public PrivacyFilter Privacy { get; } = privacy;

    /// <summary>What the run has committed so far, as last committed; null when nothing shows the run's progress.</summary>
    public LinkRunProgress? Committed { get; set; } = committed;
}
