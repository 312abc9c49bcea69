using System.Globalization;
using System.Text.RegularExpressions;

namespace NavusoftSync.Tools.ProviderSandbox.Json;

internal static partial class RelativeTime
{
    public static bool TryParse(string? text, DateTimeOffset now, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
        {
            return true;
        }

        var match = Expression().Match(text);
        if (!match.Success)
        {
            return false;
        }

        value = match.Groups["anchor"].Value.Equals("today", StringComparison.OrdinalIgnoreCase)
            ? new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero)
            : now;
        foreach (Capture capture in match.Groups["offset"].Captures)
        {
            var amount = int.Parse(capture.Value[..^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            value = char.ToLowerInvariant(capture.Value[^1]) switch
            {
                'd' => value.AddDays(amount),
                'h' => value.AddHours(amount),
                _ => value.AddMinutes(amount),
            };
        }

        if (match.Groups["time"].Success)
        {
            var time = TimeOnly.ParseExact(match.Groups["time"].Value, "HH:mm", CultureInfo.InvariantCulture);
            value = new DateTimeOffset(value.UtcDateTime.Date + time.ToTimeSpan(), TimeSpan.Zero);
        }

        return true;
    }

    [GeneratedRegex(@"^(?<anchor>now|today)(?<offset>[+-]\d+[dhm])*(@(?<time>\d{2}:\d{2}))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Expression();
}
