namespace NavusoftSync.BuildingBlocks.Time;

/// <summary>
/// A wall-clock time in a zone as an instant, the way RFC 5545, Google Calendar and Outlook read it:
/// a time that does not exist (in a DST gap: 02:30 on the spring-forward day in America/Chicago)
/// moves forward by the gap's length (03:30 CDT); a time that occurs twice (in a DST overlap) is its
/// first occurrence, the earlier instant. Every reader of a provider's local times and the calendar's
/// day arithmetic convert through here.
/// </summary>
public static class ZonedTimes
{
    /// <summary>How far back a gap's start is looked for: longer than any gap a zone has had (a skipped day).</summary>
    private static readonly TimeSpan LongestGap = TimeSpan.FromHours(48);

    /// <summary>
    /// The instant <paramref name="local"/> (read as a wall-clock time whatever its <see cref="DateTime.Kind"/>)
    /// names in <paramref name="zone"/>, carrying the zone's offset at that instant.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var wallClock = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wallClock))
        {
            // Read with the offset in force before the gap, the time lands after it by the gap's length.
            var utc = new DateTimeOffset(wallClock.Ticks - OffsetBeforeGap(wallClock, zone).Ticks, TimeSpan.Zero);
            return TimeZoneInfo.ConvertTime(utc, zone);
        }

        var offset = zone.IsAmbiguousTime(wallClock) ? zone.GetAmbiguousTimeOffsets(wallClock).Max() : zone.GetUtcOffset(wallClock);
        return new DateTimeOffset(wallClock, offset);
    }

    /// <summary>The offset of the last valid wall-clock minute before the gap <paramref name="wallClock"/> falls in.</summary>
    private static TimeSpan OffsetBeforeGap(DateTime wallClock, TimeZoneInfo zone)
    {
        var earlier = wallClock.AddTicks(-(wallClock.Ticks % TimeSpan.TicksPerMinute));
        var limit = wallClock - LongestGap;
        while (zone.IsInvalidTime(earlier) && earlier > limit)
        {
            earlier = earlier.AddMinutes(-1);
        }

        return zone.IsInvalidTime(earlier) ? zone.BaseUtcOffset : zone.GetUtcOffset(earlier);
    }
}
