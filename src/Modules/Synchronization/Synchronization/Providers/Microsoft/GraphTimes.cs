using System.Globalization;
using Microsoft.Graph.Models;
using NavusoftSync.BuildingBlocks.Time;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>
/// Graph's <c>dateTimeTimeZone</c> (a wall-clock time and a Windows or IANA zone) as an instant
/// (<see cref="ZonedTimes"/>: a time in a DST gap moves past it, an ambiguous one is its first occurrence),
/// or a date for all-day events.
/// </summary>
internal static class GraphTimes
{
    public static When? Parse(DateTimeTimeZone? value, bool allDay)
    {
        if (value?.DateTime is not { Length: >= 10 } text)
        {
            return null;
        }

        if (allDay)
        {
            return DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? When.On(date) : null;
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var wallClock) || Zone(value.TimeZone) is not { } zone)
        {
            return null;
        }

        if (wallClock.Kind == DateTimeKind.Utc)
        {
            return When.At(new DateTimeOffset(wallClock));
        }

        return When.At(ZonedTimes.ToInstant(wallClock, zone));
    }

    /// <summary>The original start of a recurring occurrence: its date (in the series' zone) for all-day series, else the instant.</summary>
    public static When? OriginalStart(Event item, bool allDay, When start)
    {
        if (item.OriginalStart is not { } original)
        {
            return start;
        }

        return allDay
            ? When.On(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(original, Zone(item.OriginalStartTimeZone) ?? TimeZoneInfo.Utc).DateTime))
            : When.At(original);
    }

    /// <summary>The zone Graph names; none named is UTC (Graph's default when no <c>Prefer: outlook.timezone</c> is sent).</summary>
    public static TimeZoneInfo? Zone(string? id) =>
        string.IsNullOrWhiteSpace(id) || id.Equals("UTC", StringComparison.OrdinalIgnoreCase) ? TimeZoneInfo.Utc : TimeZoneLookup.Find(id);
}
