using System.Collections.Concurrent;

namespace NavusoftSync.BuildingBlocks.Time;

/// <summary>
/// Time zones by id: IANA ids (<c>Europe/London</c>), Windows ids (<c>GMT Standard Time</c>, as Graph
/// names them) and <c>UTC</c>, from the system's tz database. An unknown id is answered without an
/// exception.
/// </summary>
public static class TimeZoneLookup
{
    /// <summary>Longer than any zone id; a longer string is not looked up.</summary>
    public const int MaxIdLength = 64;

    /// <summary>
    /// Zones found so far, by the id asked for. Only zones that exist are kept, so the cache holds at
    /// most the system's zone ids (and their aliases) whatever callers send; an unknown id is looked
    /// up again each time it is asked for.
    /// </summary>
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Known = new(StringComparer.Ordinal);

    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength)
        {
            return null;
        }

        if (Known.TryGetValue(id, out var known))
        {
            return known;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? Known.GetOrAdd(id, found) : null;
    }

    /// <summary>Whether <paramref name="id"/> is held in the cache (for tests).</summary>
    internal static bool IsCached(string id) => Known.ContainsKey(id);
}
