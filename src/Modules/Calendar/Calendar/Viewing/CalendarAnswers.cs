namespace NavusoftSync.Calendar.Viewing;

/// <summary>
/// One item of a calendar answer. <c>start</c>/<c>end</c> are the item's instants rendered in the
/// requested zone (ISO-8601 with that zone's offset), or dates for all-day appointments; an email
/// thread has no end. <c>kind</c>: <c>email</c> or <c>appointment</c> (<see cref="Projections.ItemKinds.Text"/>);
/// <c>status</c>: <c>Scheduled</c>/<c>Cancelled</c> for appointments, null for emails; <c>visibility</c>: what the
/// caller may see of it (<c>full</c>, <c>subject</c>, <c>metadata</c>, <c>private</c>), the title shown accordingly.
/// </summary>
internal sealed record CalendarAnswerItem(
    string Kind, string Id, string Title, string Start, string? End, IReadOnlyList<string> AccountIds, string? Status, string Visibility);

internal sealed record CalendarDayItems(string Date, int Count, IReadOnlyList<CalendarAnswerItem> Items);

/// <summary>A range answer: only dates holding items, in date order; items by start, then id.</summary>
internal sealed record CalendarRange(string From, string To, string TimeZone, IReadOnlyList<CalendarDayItems> Days);

/// <summary>A day answer (the "Events" list of one date).</summary>
internal sealed record CalendarDay(string Date, string TimeZone, int Count, IReadOnlyList<CalendarAnswerItem> Items);
