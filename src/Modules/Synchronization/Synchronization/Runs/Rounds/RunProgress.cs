using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Synchronization.Providers;

namespace NavusoftSync.Synchronization.Runs.Rounds;

/// <summary>
/// One run's progress: the link's cursors as the run last committed them (loaded once per run), the items it skipped,
/// and the privacy rules of the link's mailbox (<see cref="PrivacyFilter.For"/>, loaded once per run: the page loop
/// filters with no database read per item).
/// </summary>
internal sealed class RunProgress(string linkId, SyncCursors initial, PrivacyFilter privacy)
{
    public string LinkId { get; } = linkId;

    public SyncCursors Current { get; set; } = initial;

    public SkippedList Skipped { get; } = new();

    public PrivacyFilter Privacy { get; } = privacy;
}
