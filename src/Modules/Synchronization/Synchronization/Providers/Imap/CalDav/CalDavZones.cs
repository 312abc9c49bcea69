using System.Globalization;
using System.Text.RegularExpressions;
using NavusoftSync.BuildingBlocks.Time;

namespace NavusoftSync.Synchronization.Providers.Imap.CalDav;

/// <summary>
/// VTIMEZONEs whose TZID no resolver knows (an exported "Customized Time Zone"): Ical.Net resolves TZIDs by name only, so
/// such a TZID is replaced, in the text before parsing, by the system zone with the same standard and daylight offsets in
/// the same months (for a zone without daylight time, <c>Etc/GMT±h</c> or the first zone with that fixed offset). Without a
/// match the TZID stays and the resource is malformed.
/// </summary>
internal static partial class CalDavZones
{
    private const int MaxZones = 20;

    private const int MaxRemembered = 1_000;

    /// <summary>The system's IANA zones, loaded once (the first load reads the whole tz database).</summary>
    private static readonly Lazy<TimeZoneInfo[]> Zones = new(() =>
        [.. TimeZoneInfo.GetSystemTimeZones().Where(z => z.Id.Contains('/', StringComparison.Ordinal)).OrderBy(z => z.Id, StringComparer.Ordinal)]);

    /// <summary>Matches found so far, by definition; bounded, since definitions come from outside.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ZoneDefinition, string?> Remembered = new();

    public static string Normalize(string ics)
    {
        ArgumentNullException.ThrowIfNull(ics);
        foreach (var definition in Definitions(ics).Take(MaxZones))
        {
            if (Known(definition.TzId) || Remember(definition) is not { } zone)
            {
                continue;
            }

            var quoted = Regex.Escape(definition.TzId);
            ics = Regex.Replace(ics, $"(TZID[=:])\"?{quoted}\"?(?=[;:\\r\\n])", m => m.Groups[1].Value + zone, RegexOptions.None, TimeSpan.FromSeconds(1));
        }

        return ics;
    }

    private static bool Known(string tzId)
    {
        if (TimeZoneLookup.Find(tzId) is not null)
        {
            return true;
        }

        try
        {
            return Ical.Net.DefaultTimeZoneResolver.GetZone(tzId) is not null;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private sealed record ZoneDefinition(string TzId, TimeSpan Standard, int StandardMonth, TimeSpan? Daylight, int DaylightMonth);

    private static IEnumerable<ZoneDefinition> Definitions(string ics)
    {
        foreach (Match block in Block().Matches(ics))
        {
            var text = block.Value;
            if (Property(text, "TZID") is not { } tzId || Part(text, "STANDARD") is not { } standard || Offset(standard) is not { } standardOffset)
            {
                continue;
            }

            var daylight = Part(text, "DAYLIGHT");
            yield return new ZoneDefinition(tzId, standardOffset, Month(standard), daylight is null ? null : Offset(daylight), daylight is null ? 0 : Month(daylight));
        }
    }

    private static string? Remember(ZoneDefinition definition)
    {
        var key = definition with { TzId = string.Empty };
        if (Remembered.TryGetValue(key, out var known))
        {
            return known;
        }

        var found = Match(definition);
        if (Remembered.Count < MaxRemembered)
        {
            Remembered.TryAdd(key, found);
        }

        return found;
    }

    private static string? Match(ZoneDefinition definition)
    {
        var zones = Zones.Value;
        if (definition.Daylight is not { } daylight || definition.StandardMonth == 0 || definition.DaylightMonth == 0)
        {
            var hours = definition.Standard.TotalHours;
            return hours == Math.Floor(hours) && Math.Abs(hours) <= 12 && TimeZoneLookup.Find($"Etc/GMT{(hours > 0 ? "-" : "+")}{Math.Abs(hours)}") is { } etc
                ? etc.Id
                : zones.FirstOrDefault(z => !z.SupportsDaylightSavingTime && z.BaseUtcOffset == definition.Standard)?.Id;
        }

        var year = DateTime.UtcNow.Year;
        return zones.FirstOrDefault(z => z.SupportsDaylightSavingTime
            && z.GetUtcOffset(MidMonthAfter(year, definition.StandardMonth)) == definition.Standard
            && z.GetUtcOffset(MidMonthAfter(year, definition.DaylightMonth)) == daylight)?.Id;
    }

    private static DateTime MidMonthAfter(int year, int month) => new(year, (month % 12) + 1, 15, 12, 0, 0, DateTimeKind.Utc);

    private static string? Part(string text, string name) =>
        Regex.Match(text, $"BEGIN:{name}\\r?\\n(.*?)END:{name}", RegexOptions.Singleline, TimeSpan.FromSeconds(1)) is { Success: true } m ? m.Groups[1].Value : null;

    private static string? Property(string text, string name) =>
        Regex.Match(text, $"^{name}[^:\\r\\n]*:(.+?)\\r?$", RegexOptions.Multiline, TimeSpan.FromSeconds(1)) is { Success: true } m ? m.Groups[1].Value.Trim() : null;

    private static TimeSpan? Offset(string part) =>
        Property(part, "TZOFFSETTO") is { Length: 5 or 7 } text && (text[0] is '+' or '-')
        && TimeSpan.TryParseExact(text[1..5], "hhmm", CultureInfo.InvariantCulture, out var offset)
            ? text[0] == '-' ? -offset : offset
            : null;

    private static int Month(string part) =>
        Property(part, "RRULE") is { } rule && Regex.Match(rule, "BYMONTH=(\\d{1,2})", RegexOptions.None, TimeSpan.FromSeconds(1)) is { Success: true } m
            ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) is var month and >= 1 and <= 12 ? month : 0
            : 0;

    [GeneratedRegex("BEGIN:VTIMEZONE\\r?\\n.*?END:VTIMEZONE", RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Block();
}
