using NavusoftSync.BuildingBlocks.Time;

namespace NavusoftSync.Calendar.Placement;

/// <summary>
/// The instants a zone's days start at (zones themselves are found by <see cref="TimeZoneLookup"/>): a zone's
/// date starts at its first valid local time (a DST gap at midnight starts the day at the gap's end;
/// an ambiguous midnight at its first occurrence), as <see cref="ZonedTimes"/> reads midnight.
/// </summary>
internal static class TimeZones
{
    public const string Utc = "UTC";

    public static DateTimeOffset InZone(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    public static DateTimeOffset StartOf(DateOnly date, TimeZoneInfo zone) =>
        ZonedTimes.ToInstant(date.ToDateTime(TimeOnly.MinValue), zone).ToUniversalTime();
}
