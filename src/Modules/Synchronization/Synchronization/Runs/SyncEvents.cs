namespace NavusoftSync.Synchronization.Runs;

/// <summary>Counts of one part (mail or calendar) of a run; <c>Recorded</c> counts items new in this mailbox or calendar.</summary>
internal sealed record SyncCounts(int Scanned, int Matched, int Recorded, int Removed, int Skipped, int EventsAppended)
{
    public static readonly SyncCounts Zero = new(0, 0, 0, 0, 0, 0);

    public SyncCounts Add(SyncCounts o) =>
        new(Scanned + o.Scanned, Matched + o.Matched, Recorded + o.Recorded, Removed + o.Removed, Skipped + o.Skipped, EventsAppended + o.EventsAppended);
}

/// <summary>A run of one link's sync started (committed at once, so the link shows Syncing).</summary>
internal sealed record SyncRunStarted(string LinkId, string RunId, DateTimeOffset StartedAt);

/// <summary>A run of one link's sync finished; appended to the link's sync stream ("sync:{linkId}").</summary>
internal sealed record SyncRunCompleted(
    string LinkId, string RunId, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, SyncCounts Mail, SyncCounts Calendar,
    bool MailFullResync, bool CalendarFullResync, string? MailCursor, string? CalendarCursor);

/// <summary>A run failed; the cursors stay where the last committed page left them.</summary>
internal sealed record SyncRunFailed(string LinkId, string RunId, DateTimeOffset StartedAt, DateTimeOffset FailedAt, string Reason, SyncCounts Mail, SyncCounts Calendar);

/// <summary>Where a link's next run resumes: completed provider cursors only, per part.</summary>
/// <param name="Id">The link id.</param>
internal sealed record SyncCursors(string Id, string? Mail, string? Calendar);
