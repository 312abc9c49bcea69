using System.Globalization;
using System.Text.RegularExpressions;

namespace NavusoftSync.Synchronization.Providers.Google.Gmail;

/// <summary>An RFC 5322 <c>Date</c> header (<c>Fri, 20 Nov 2026 09:00:00 +0100 (CET)</c>, obsolete zone names and 2-digit years included).</summary>
internal static partial class RfcDates
{
    private static readonly Dictionary<string, int> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0,
        ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5, ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7,
    };

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static DateTimeOffset? Parse(string? header)
    {
        var match = Pattern().Match(header ?? string.Empty);
        if (!match.Success)
        {
            return null;
        }

        var month = Array.IndexOf(Months, match.Groups["mon"].Value.ToLowerInvariant()) + 1;
        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        year = year < 100 ? year + (year < 50 ? 2000 : 1900) : year;
        var offset = Offset(match.Groups["z"].Value);
        var day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        var (hour, minute) = (int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["mi"].Value, CultureInfo.InvariantCulture));
        var second = match.Groups["s"].Success ? int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        if (month == 0 || offset is null || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month) || hour > 23 || minute > 59 || second > 60)
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, hour, minute, Math.Min(second, 59), offset.Value);
    }

    private static TimeSpan? Offset(string zone)
    {
        if (zone.Length == 0)
        {
            return TimeSpan.Zero;
        }

        if (zone[0] is '+' or '-')
        {
            var minutes = (int.Parse(zone[1..3], CultureInfo.InvariantCulture) * 60) + int.Parse(zone[3..5], CultureInfo.InvariantCulture);
            return minutes > 14 * 60 ? null : TimeSpan.FromMinutes(zone[0] == '-' ? -minutes : minutes);
        }

        return TimeSpan.FromHours(Zones.GetValueOrDefault(zone, 0));
    }

    [GeneratedRegex(@"^\s*(?:[A-Za-z]{3},?\s*)?(?<d>\d{1,2})\s+(?<mon>[A-Za-z]{3})[A-Za-z]*\s+(?<y>\d{2,4})\s+(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?\s*(?<z>[+-]\d{4}|[A-Za-z]{1,5})?", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
