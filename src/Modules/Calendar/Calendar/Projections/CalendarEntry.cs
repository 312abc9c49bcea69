namespace NavusoftSync.Calendar.Projections;

/// <summary>The two kinds of calendar: a Navusoft user's and a customer account's.</summary>
internal static class CalendarOwners
{
    public static string User(string userId) => $"user:{userId}";

    public static string Account(string accountId) => $"account:{accountId}";
}

internal static class ItemKinds
{
    public const string Email = "email";
    public const string Appointment = "appointment";
}

/// <summary>
/// One item on one calendar: everything a range or day answer shows, so a calendar read is one
/// indexed query (<c>owner</c> + <c>start_at</c> for timed items, <c>owner</c> + <c>start_day</c>
/// for all-day ones) and no view is loaded. Timed items carry UTC instants (placed on a date only
/// when read, in the caller's zone); all-day items carry their own dates as day numbers
/// (<see cref="DateOnly.DayNumber"/>) whatever the zone. Id: <c>{owner}|{itemId}</c>.
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
    string? Status)
{
    public static string IdFor(string owner, string itemId) => $"{owner}|{itemId}";

    /// <summary>The entry a calendar holds for the item (the template with owner and id set).</summary>
    public CalendarEntry For(string owner) => this with { Id = IdFor(owner, ItemId), Owner = owner };

    /// <summary>Same content, owner aside (lists compared by value).</summary>
    public bool SameContent(CalendarEntry? other) =>
        other is not null && Kind == other.Kind && ItemId == other.ItemId && Title == other.Title && StartAt == other.StartAt
        && StartDay == other.StartDay && EndAt == other.EndAt && EndDay == other.EndDay && Status == other.Status
        && AccountIds.SequenceEqual(other.AccountIds, StringComparer.Ordinal);
}
