using System.Globalization;
using Ical.Net.DataTypes;
using NavusoftSync.BuildingBlocks.Time;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Providers.Imap.CalDav;

/// <summary>
/// iCalendar times as <see cref="When"/>: a DATE is a day; a UTC time an instant; a time with a TZID is read in that zone
/// (IANA and Windows ids through <see cref="TimeZoneLookup"/>, a DST gap or overlap as <see cref="ZonedTimes"/> reads it; other
/// ids, like <c>/mozilla.org/…/Europe/Berlin</c>, through Ical.Net's own resolver); a floating time (no TZID) is read as UTC.
/// </summary>
internal static class CalDavTimes
{
    public static When ToWhen(CalDateTime time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (!time.HasTime)
        {
            return When.On(time.Date);
        }

        if (time.IsUtc || time.IsFloating)
        {
            return When.At(new DateTimeOffset(DateTime.SpecifyKind(time.Value, DateTimeKind.Utc)));
        }

        return TimeZoneLookup.Find(time.TzId) is { } zone
            ? When.At(ZonedTimes.ToInstant(time.Value, zone))
            : When.At(new DateTimeOffset(time.AsUtc, TimeSpan.Zero));
    }

    /// <summary>The instant a <see cref="When"/> starts at, a day's being its midnight UTC (for comparing with the window).</summary>
    public static DateTimeOffset Instant(When when) =>
        when.Instant ?? new DateTimeOffset(when.Date!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The occurrence part of a provider id: the RECURRENCE-ID as UTC <c>yyyyMMdd'T'HHmmss'Z'</c>, or <c>yyyyMMdd</c> for a day.</summary>
    public static string OccurrenceId(When originalStart) =>
        originalStart.Instant is { } instant
            ? instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)
            : originalStart.Date!.Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>A window bound as Ical.Net's UTC time.</summary>
    public static CalDateTime ToCalDateTime(DateTimeOffset instant) => new(instant.UtcDateTime, CalDateTime.UtcTzId);
}
