namespace NavusoftSync.Tools.ProviderSandbox.State;

/// <summary>Time zone look-ups accepting IANA or Windows ids, and conversions between the two naming schemes.</summary>
internal static class TimeZones
{
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }

    public static TimeZoneInfo FindOrUtc(string? id) => Find(id) ?? TimeZoneInfo.Utc;

    /// <summary>The Windows name Graph uses (<c>W. Europe Standard Time</c>); <c>UTC</c> for UTC.</summary>
    public static string ToWindowsId(string id)
    {
        if (IsUtc(id))
        {
            return "UTC";
        }

        return TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out var windows) ? windows : id;
    }

    /// <summary>The IANA name Google uses (<c>Europe/Berlin</c>); <c>UTC</c> for UTC.</summary>
    public static string ToIanaId(string id)
    {
        if (IsUtc(id))
        {
            return "UTC";
        }

        return TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana) ? iana : id;
    }

    public static DateTimeOffset ToLocal(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    /// <summary>The instant of a wall-clock time in a zone (a skipped time moves forward by the gap).</summary>
    public static DateTimeOffset FromLocal(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    private static bool IsUtc(string id) =>
        id.Equals("UTC", StringComparison.OrdinalIgnoreCase) || id.Equals("Etc/UTC", StringComparison.OrdinalIgnoreCase)
        || id.Equals("GMT", StringComparison.OrdinalIgnoreCase) || id.Equals("Etc/GMT", StringComparison.OrdinalIgnoreCase)
        || id.Equals("Coordinated Universal Time", StringComparison.OrdinalIgnoreCase);
}
