namespace NavusoftSync.Calendar.Projections;

/// <summary>The two kinds of calendar: a Navusoft user's and a customer account's.</summary>
internal static class CalendarOwners
{
    public static string User(string userId) => $"user:{userId}";

    public static string Account(string accountId) => $"account:{accountId}";

    public static bool IsAccount(string owner) => owner.StartsWith("account:", StringComparison.Ordinal);
}

/// <summary>
/// One item on one calendar: everything a range or day answer shows, so a calendar read is one
/// index range scan on <c>(tenant_id, owner, start_key)</c> and no view is loaded. Timed items carry
/// UTC instants (placed on a date only when read, in the caller's zone); all-day items carry their
/// own dates as day numbers (<see cref="DateOnly.DayNumber"/>) whatever the zone
/// (<see cref="Placement.CalendarDates"/> decides both). Both kinds share one sortable
/// <see cref="StartKey"/>, so one range of it covers a calendar range in any zone. <see cref="Kind"/>
/// and <see cref="Status"/> hold the text the answers send (<see cref="ItemKinds.Text"/>,
/// <see cref="AppointmentStatuses.Text"/>): a read passes them through unparsed. Id: <c>{owner}|{itemId}</c>.
/// An account calendar's entry also carries what decides what each caller sees of the item (read without loading
/// its view): the users holding it (<see cref="Holders"/>, ordinal order) and whether one of them marked it private.
/// A user calendar is only ever read by its own user, who sees it in full: its entries carry neither.
/// </summary>
internal sealed record CalendarEntry(
    string Id,
    string Owner,
    string Kind,
    string ItemId,
    string Title,
    DateTimeOffset? StartAt,
    int? StartDay,
    DateTimeOffset? EndAt,
    int? EndDay,
    IReadOnlyList<string> AccountIds,
    string? Status,
    IReadOnlyList<string> Holders,
    bool MarkedPrivate)
{
    private static readonly int UnixEpochDay = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>
    /// Seconds since the Unix epoch of the start instant (floored), or, for an all-day item, of its
    /// date at 00:00 UTC. A duplicated column (<c>start_key</c>): a read takes the key range that
    /// covers both its instant window and its day window and filters the rows exactly.
    /// </summary>
    public long StartKey => StartAt is { } at ? InstantKey(at) : DayKey(StartDay ?? UnixEpochDay);

    public static long InstantKey(DateTimeOffset instant)
    {
        var seconds = Math.DivRem(instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks, TimeSpan.TicksPerSecond, out var rest);
        return rest < 0 ? seconds - 1 : seconds;
    }

    public static long DayKey(int dayNumber) => (dayNumber - (long)UnixEpochDay) * 86_400;

    public static string IdFor(string owner, string itemId) => $"{owner}|{itemId}";

    /// <summary>The entry a calendar holds for the item (the template with owner and id set; holders and mark on account calendars only).</summary>
    public CalendarEntry For(string owner) => CalendarOwners.IsAccount(owner)
        ? this with { Id = IdFor(owner, ItemId), Owner = owner }
        : this with { Id = IdFor(owner, ItemId), Owner = owner, Holders = [], MarkedPrivate = false };

    /// <summary>Same holders and private mark (what account calendars' entries carry besides the content).</summary>
    public bool SameAccess(CalendarEntry? other) =>
        other is not null && MarkedPrivate == other.MarkedPrivate && (Holders ?? []).SequenceEqual(other.Holders ?? [], StringComparer.Ordinal);

    /// <summary>Same content, owner, holders and mark aside (lists compared by value).</summary>
    public bool SameContent(CalendarEntry? other) =>
        other is not null && Kind == other.Kind && ItemId == other.ItemId && Title == other.Title && StartAt == other.StartAt
        && StartDay == other.StartDay && EndAt == other.EndAt && EndDay == other.EndDay && Status == other.Status
        && AccountIds.SequenceEqual(other.AccountIds, StringComparer.Ordinal);
}
