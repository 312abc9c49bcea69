using System.Collections.Concurrent;

namespace NavusoftSync.Calendar.Placement;

/// <summary>
/// IANA time zones (the system's tz database) and the day arithmetic of the calendar: which date
/// an instant falls on in a zone, and the instant a zone's date starts (its first valid local time:
/// a DST gap at midnight starts the day at the gap's end; an ambiguous midnight at its first occurrence).
/// </summary>
internal static class TimeZones
{
    public const string Utc = "UTC";

    /// <summary>
    /// Zones found so far, by the id asked for. Only zones that exist are kept, so the cache holds at
    /// most the system's zone ids (and their aliases) whatever callers send; an unknown id is looked
    /// up again each time it is asked for.
    /// </summary>
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Known = new(StringComparer.Ordinal);

    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            return null;
        }

        if (Known.TryGetValue(id, out var known))
        {
            return known;
        }

        // An unknown id (any string a caller sends as tz) is answered without an exception and never cached.
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? Known.GetOrAdd(id, found) : null;
    }

    /// <summary>Whether <paramref name="id"/> is held in the cache (for tests).</summary>
    internal static bool IsCached(string id) => Known.ContainsKey(id);

    public static DateOnly DateOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    public static DateTimeOffset InZone(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    public static DateTimeOffset StartOf(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
