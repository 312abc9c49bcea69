using System.Text.Json.Serialization;
using NavusoftSync.Synchronization.Providers;

namespace NavusoftSync.Synchronization.Runs;

/// <summary>
/// Counts of one part (mail or calendar) of a run, of one page, or of what one recorder call did: the same record,
/// with the same meaning, from the recorders through the page loop to the run's events.
/// </summary>
/// <param name="Scanned">Items the provider's pages held.</param>
/// <param name="Matched">Items that matched at least one account contact.</param>
/// <param name="New">
/// Matched items new in this mailbox or calendar (the link's "emails synced" and "appointments synced"). Stored as
/// <c>recorded</c> in the run events, the name it has always had in the store.
/// </param>
/// <param name="Removed">Items the provider reported removed.</param>
/// <param name="Skipped">Items skipped: unreadable ones, and ones whose recording failed (<see cref="SkippedItem"/>).</param>
/// <param name="EventsAppended">Events appended to thread and appointment streams (recorded and released).</param>
/// <param name="ParticipantsOmitted">Participants dropped beyond <see cref="ParticipantCap.Max"/> per item, summed.</param>
internal sealed record SyncCounts(
    int Scanned, int Matched, [property: JsonPropertyName("recorded")] int New, int Removed, int Skipped, int EventsAppended, int ParticipantsOmitted = 0)
{
    public static readonly SyncCounts Zero = new(0, 0, 0, 0, 0, 0);

    public SyncCounts Add(SyncCounts o) =>
        new(Scanned + o.Scanned, Matched + o.Matched, New + o.New, Removed + o.Removed, Skipped + o.Skipped, EventsAppended + o.EventsAppended,
            ParticipantsOmitted + o.ParticipantsOmitted);

    /// <summary>What a recorder did: events appended, and how many of the items are new in the mailbox or calendar.</summary>
    public static SyncCounts Recorded(int eventsAppended, int newItems) => Zero with { New = newItems, EventsAppended = eventsAppended };

    /// <summary>
    /// One page's counts: what the provider's page held (<paramref name="page"/>; its malformed items skipped), the
    /// items that matched, the items whose recording failed on their own (skipped too), and what recording and
    /// releasing did (<paramref name="recorded"/>).
    /// </summary>
    public static SyncCounts OfPage<TItem>(ProviderPage<TItem> page, IEnumerable<TItem> capped, int matched, int failed, SyncCounts recorded)
        where TItem : IParticipantItem<TItem> =>
        recorded.Add(new SyncCounts(
            page.Items.Count, matched, 0, page.Removed.Count, page.Malformed.Count + failed, 0, capped.Sum(i => i.ParticipantsOmitted)));
}

/// <summary>What set a run going (CONTRACT.md, the runs of a link: <c>trigger</c>).</summary>
internal enum SyncTrigger
{
    /// <summary>The first run after the link was established.</summary>
    Link,

    /// <summary>The link's interval.</summary>
    Schedule,

    /// <summary>A provider's change notification.</summary>
    Push,

    /// <summary>The user asked (<c>POST /api/me/links/{linkId}/sync</c>).</summary>
    Manual,

    /// <summary>Addresses became contacts and are looked back for.</summary>
    Lookback,

    /// <summary>A completeness check.</summary>
    Check,
}

/// <summary>An item a run skipped: its provider id and why, never its content (no subject, no address).</summary>
internal sealed record SkippedItem(string ProviderId, string Reason);

/// <summary>A run of one link's sync started (committed at once, so the link shows Syncing).</summary>
internal sealed record SyncRunStarted(string LinkId, string RunId, DateTimeOffset StartedAt, SyncTrigger? Trigger = null);

/// <summary>A run of one link's sync finished; appended to the link's sync stream ("sync:{linkId}").</summary>
/// <param name="Skipped">
/// The first <see cref="SkippedList.Kept"/> items the run skipped (the counts hold how many in all): an item that
/// could not be read or recorded stops neither its page nor the run.
/// </param>
internal sealed record SyncRunCompleted(
    string LinkId, string RunId, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, SyncCounts Mail, SyncCounts Calendar,
    bool MailFullResync, bool CalendarFullResync, string? MailCursor, string? CalendarCursor, IReadOnlyList<SkippedItem>? Skipped = null)
{
    /// <summary>Items skipped in all, mail and calendar.</summary>
    public int SkippedCount => Mail.Skipped + Calendar.Skipped;
}

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
