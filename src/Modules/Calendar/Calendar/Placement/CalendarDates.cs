using NavusoftSync.Calendar.Projections;

namespace NavusoftSync.Calendar.Placement;

/// <summary>An item's start or end as an entry holds it: a UTC instant, or (all-day) a date as its <see cref="DateOnly.DayNumber"/>.</summary>
internal readonly record struct EntryTime(DateTimeOffset? At, int? Day)
{
    public static EntryTime Of(Synchronization.Contracts.Recorded.When when) =>
        when.Instant is { } at ? new(at.ToUniversalTime(), null) : new(null, when.Date?.DayNumber);

    public bool IsNone => At is null && Day is null;
}

/// <summary>
/// Where an item's calendar date is decided. An item sits on the calendar by its start: an email
/// thread by the instant its first (earliest sent) message was sent, an appointment by its start
/// instant or, all-day, its own start date. The projection stores that start in the item's entries
/// (<see cref="StartOf(EmailThreadView)"/>, <see cref="StartOf(AppointmentView)"/>); a read places
/// each entry on a date of the zone it is read in (<see cref="Place"/>): a timed item on the date
/// its instant falls on there, an all-day item on its own date in every zone. Which entries a date
/// range reads is <c>EntryWindow</c>; the instant a zone's date starts, <see cref="TimeZones.StartOf"/>.
/// </summary>
internal static class CalendarDates
{
    /// <summary>A thread's start: its first message's; a thread without messages is on no date.</summary>
    public static EntryTime StartOf(EmailThreadView thread) => thread.Messages.Count == 0 ? default : new(thread.StartedAt.ToUniversalTime(), null);

    /// <summary>An appointment's start: an instant, or (all-day) its own date; a multi-day all-day appointment sits on its first date only.</summary>
    public static EntryTime StartOf(AppointmentView appointment) => EntryTime.Of(appointment.Start);

    public static EntryTime EndOf(AppointmentView appointment) => EntryTime.Of(appointment.End);

    /// <summary>
    /// The date an entry shows on when read in <paramref name="zone"/>, and its order within that date:
    /// all-day items first (they start at the day's beginning), then timed ones by instant. A timed
    /// item's start is also given as the zone's local time (converted once, for the answer's text).
    /// </summary>
    public static PlacedEntry Place(CalendarEntry entry, TimeZoneInfo zone)
    {
        if (entry.StartAt is not { } at)
        {
            return new(DateOnly.FromDayNumber(entry.StartDay ?? 0), long.MinValue, null);
        }

        var local = TimeZones.InZone(at, zone);
        return new(DateOnly.FromDateTime(local.DateTime), at.UtcTicks, local);
    }
}

/// <summary>Where a read puts an entry: its date in the zone, its order on that date, and (timed items) its start in the zone.</summary>
internal readonly record struct PlacedEntry(DateOnly Date, long Order, DateTimeOffset? LocalStart);
