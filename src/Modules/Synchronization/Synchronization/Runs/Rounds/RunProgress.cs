using NavusoftSync.Synchronization.Providers;

namespace NavusoftSync.Synchronization.Runs.Rounds;

/// <summary>One run's progress: the link's cursors as the run last committed them (loaded once per run), and the items it skipped.</summary>
internal sealed class RunProgress(string linkId, SyncCursors initial)
{
    public string LinkId { get; } = linkId;

    public SyncCursors Current { get; set; } = initial;

    public SkippedList Skipped { get; } = new();
}
