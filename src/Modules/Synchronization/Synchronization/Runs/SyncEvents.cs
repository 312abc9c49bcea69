using System.Text.Json.Serialization;
using NavusoftSync.Synchronization.Providers;

namespace NavusoftSync.Synchronization.Runs;

/// <summary>
/// Counts of one part (mail or calendar) of a run, of one page, or of what one recorder call did: the same record,
/// with the same meaning, from the recorders through the page loop to the run's events.
/// </summary>
/// <param name="Scanned">Items the provider's pages held.</param>
/// <param name="Matched">
/// Items that matched at least one account contact after the privacy rules: matched through an address no blocklist
/// holds, and kept out by no rule (<see cref="Filtered"/> counts those). Every matched item is handed to recording.
/// </param>
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
    // Before Zero: static fields initialize in text order, and Zero's instance initializer reads this one.
    private static readonly IReadOnlyDictionary<string, int> NoneFiltered = new Dictionary<string, int>(StringComparer.Ordinal);

    public static readonly SyncCounts Zero = new(0, 0, 0, 0, 0, 0);

    private readonly IReadOnlyDictionary<string, int> _filtered = NoneFiltered;

    /// <summary>
    /// Items that matched an account but a privacy rule kept out, by rule (<see cref="Privacy.FilterRules"/>): never
    /// stored, only counted here. Runs stored before the rules existed hold none (absent in their JSON: empty).
    /// </summary>
    public IReadOnlyDictionary<string, int> Filtered
    {
        get => _filtered;
        init => _filtered = value ?? NoneFiltered;
    }

    /// <summary>Items kept out by any rule.</summary>
    [JsonIgnore]
    public int FilteredCount => Filtered.Values.Sum();

    public SyncCounts Add(SyncCounts o) =>
        new(Scanned + o.Scanned, Matched + o.Matched, New + o.New, Removed + o.Removed, Skipped + o.Skipped, EventsAppended + o.EventsAppended,
            ParticipantsOmitted + o.ParticipantsOmitted)
        {
            Filtered = Sum(Filtered, o.Filtered),
        };

    /// <summary>What a recorder did: events appended, and how many of the items are new in the mailbox or calendar.</summary>
    public static SyncCounts Recorded(int eventsAppended, int newItems) => Zero with { New = newItems, EventsAppended = eventsAppended };

    /// <summary>Items a privacy rule kept out: <paramref name="count"/> under <paramref name="rule"/>.</summary>
    public static SyncCounts FilteredBy(string rule, int count) =>
        count == 0 ? Zero : Zero with { Filtered = new Dictionary<string, int>(StringComparer.Ordinal) { [rule] = count } };

    /// <summary>
    /// One page's counts: what the provider's page held (<paramref name="page"/>; its malformed items skipped), the
    /// items whose recording failed on their own (skipped too), and what screening, fetching, recording and releasing
    /// did (<paramref name="recorded"/>: matched and filtered items, new items, events).
    /// </summary>
    public static SyncCounts OfPage<TItem>(ProviderPage<TItem> page, IEnumerable<TItem> capped, int failed, SyncCounts recorded)
        where TItem : IParticipantItem<TItem> =>
        recorded.Add(new SyncCounts(
            page.Items.Count, 0, 0, page.Removed.Count, page.Malformed.Count + failed, 0, capped.Sum(i => i.ParticipantsOmitted)));

    public bool Equals(SyncCounts? other) =>
        other is not null && Scanned == other.Scanned && Matched == other.Matched && New == other.New && Removed == other.Removed
        && Skipped == other.Skipped && EventsAppended == other.EventsAppended && ParticipantsOmitted == other.ParticipantsOmitted
        && Filtered.Count(f => f.Value != 0) == other.Filtered.Count(f => f.Value != 0)
        && Filtered.All(f => f.Value == 0 || other.Filtered.GetValueOrDefault(f.Key) == f.Value);

    public override int GetHashCode() => HashCode.Combine(Scanned, Matched, New, Removed, Skipped, EventsAppended, ParticipantsOmitted, FilteredCount);

    /// <summary>Two rule counts added rule by rule, in rule order (rules that counted nothing left out).</summary>
    private static IReadOnlyDictionary<string, int> Sum(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b)
    {
        if (b.Count == 0)
        {
            return a;
        }

        if (a.Count == 0)
        {
            return b;
        }

        return a.Concat(b).GroupBy(f => f.Key, StringComparer.Ordinal).Where(g => g.Sum(f => f.Value) != 0).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(f => f.Value), StringComparer.Ordinal);
    }
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
