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
/// <param name="Mail">The mail cursor (Graph deltaLink, Gmail historyId).</param>
/// <param name="Calendar">The calendar cursor.</param>
/// <param name="MailCoveredThrough">
/// The event store's high-water mark when the mail cursor's chain began (a first read or a full
/// resync of the whole window). Every contact event at or below it was committed before the chain's
/// first page was matched, so that read already matched its addresses: no look-back for them.
/// </param>
/// <param name="CalendarCoveredThrough">The same for the calendar cursor.</param>
internal sealed record SyncCursors(string Id, string? Mail, string? Calendar, long? MailCoveredThrough = null, long? CalendarCoveredThrough = null)
{
    /// <summary>
    /// Whether the current mail chain's full read matched an address whose contact event has this
    /// sequence (see <see cref="MailCoveredThrough"/>); an unknown sequence is never covered.
    /// </summary>
    public bool MailCovers(long? appearedSequence) => appearedSequence is { } s && s <= (MailCoveredThrough ?? 0);

    /// <summary>The same for the calendar chain.</summary>
    public bool CalendarCovers(long? appearedSequence) => appearedSequence is { } s && s <= (CalendarCoveredThrough ?? 0);
}
