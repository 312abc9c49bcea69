using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

/// <summary>
/// The <c>Prefer</c> header values Graph honours here: <c>odata.maxpagesize</c>, <c>outlook.timezone</c>,
/// <c>outlook.body-content-type</c> and <c>IdType="ImmutableId"</c>; each applied one is echoed in <c>Preference-Applied</c>.
/// </summary>
internal sealed record GraphPreferences(int? MaxPageSize, string? TimeZoneName, TimeZoneInfo? TimeZone, string? BodyContentType, bool ImmutableId)
{
    public static GraphPreferences Parse(HttpRequest request)
    {
        int? pageSize = null;
        string? zoneName = null, bodyType = null;
        TimeZoneInfo? zone = null;
        var immutable = false;
        foreach (var (name, value) in Tokens(request))
        {
            switch (name.ToLowerInvariant())
            {
                case "odata.maxpagesize" when int.TryParse(value, out var size) && size > 0:
                    pageSize = size;
                    break;
                case "outlook.timezone" when TimeZones.Find(value) is { } found:
                    zoneName = value;
                    zone = found;
                    break;
                case "outlook.body-content-type" when value.Equals("text", StringComparison.OrdinalIgnoreCase) || value.Equals("html", StringComparison.OrdinalIgnoreCase):
                    bodyType = value.ToLowerInvariant();
                    break;
                case "idtype" when value.Equals("ImmutableId", StringComparison.OrdinalIgnoreCase):
                    immutable = true;
                    break;
            }
        }

        return new GraphPreferences(pageSize, zoneName, zone, bodyType, immutable);
    }

    /// <summary>The <c>Preference-Applied</c> values; <paramref name="pageSizeApplied"/> only for paged responses.</summary>
    public IEnumerable<string> Applied(bool pageSizeApplied, bool timeZoneApplies)
    {
        if (pageSizeApplied && MaxPageSize is { } size)
        {
            yield return "odata.maxpagesize=" + size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (timeZoneApplies && TimeZoneName is not null)
        {
            yield return $"outlook.timezone=\"{TimeZoneName}\"";
        }

        if (BodyContentType is not null)
        {
            yield return $"outlook.body-content-type=\"{BodyContentType}\"";
        }

        if (ImmutableId)
        {
            yield return "IdType=\"ImmutableId\"";
        }
    }

    private static IEnumerable<(string Name, string Value)> Tokens(HttpRequest request)
    {
        foreach (var header in request.Headers["Prefer"])
        {
            foreach (var part in (header ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                yield return equals < 0
                    ? (part, string.Empty)
                    : (part[..equals].Trim(), part[(equals + 1)..].Trim().Trim('"'));
            }
        }
    }
}
