using System.Globalization;

namespace NavusoftSync.Calendar.Placement;

/// <summary>CONTRACT.md's wire forms: dates <c>YYYY-MM-DD</c>, instants ISO-8601 with offset.</summary>
internal static class IsoText
{
    public const string DateFormat = "yyyy-MM-dd";

    public static string Date(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static string Instant(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>A date the query's validator has already accepted.</summary>
    public static DateOnly ParseDate(string? text) =>
        TryParseDate(text, out var date) ? date : throw new FormatException($"'{text}' is not a date (YYYY-MM-DD).");

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
