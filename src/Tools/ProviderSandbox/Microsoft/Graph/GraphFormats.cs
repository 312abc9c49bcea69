using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

/// <summary>Graph's value formats: instants, recipients, etags and bodies.</summary>
internal static partial class GraphFormats
{
    /// <summary>What a message stored with <c>InvalidDates</c> shows instead of an instant.</summary>
    public const string InvalidInstant = "not-a-date";

    /// <summary><c>2026-11-20T14:03:00Z</c>, as Graph writes sentDateTime/receivedDateTime.</summary>
    public static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>2026-11-20T14:03:00.1234567Z</c>, as Graph writes createdDateTime/lastModifiedDateTime.</summary>
    public static string PreciseInstant(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The <c>dateTimeTimeZone</c> of Graph: a wall-clock time with 7 decimals in the named zone.</summary>
    public static JsonObject DateTimeTimeZone(DateTimeOffset value, TimeZoneInfo zone, string zoneName) => new()
    {
        ["dateTime"] = TimeZoneInfo.ConvertTime(value, zone).DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        ["timeZone"] = zoneName,
    };

    public static JsonObject Recipient(SandboxAddress address) => new()
    {
        ["emailAddress"] = new JsonObject { ["name"] = address.DisplayName, ["address"] = address.Address },
    };

    public static JsonArray Recipients(IEnumerable<SandboxAddress> addresses) => [.. addresses.Select(Recipient)];

    public static string ChangeKey(string id, long version) =>
        Convert.ToBase64String(BitConverter.GetBytes(HashCode.Combine(id, version))) + "AAA" + version.ToString("x", CultureInfo.InvariantCulture);

    public static string ETag(string changeKey) => $"W/\"{changeKey}\"";

    /// <summary>A body in the preferred content type: HTML as stored, or converted to/from plain text.</summary>
    public static JsonObject Body(string text, string? html, string? preferred)
    {
        if (preferred == "text")
        {
            return new JsonObject { ["contentType"] = "text", ["content"] = html is null ? text : HtmlToText(html) };
        }

        if (html is not null)
        {
            return new JsonObject { ["contentType"] = "html", ["content"] = html };
        }

        return preferred == "html"
            ? new JsonObject { ["contentType"] = "html", ["content"] = "<html><body>" + WebUtility.HtmlEncode(text).Replace("\n", "<br>", StringComparison.Ordinal) + "</body></html>" }
            : new JsonObject { ["contentType"] = "text", ["content"] = text };
    }

    public static string Preview(string text, string? html, int length = 255)
    {
        var plain = string.Join(' ', (html is null ? text : HtmlToText(html)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return plain.Length <= length ? plain : plain[..length];
    }

    public static string HtmlToText(string html) => WebUtility.HtmlDecode(Tags().Replace(LineBreaks().Replace(html, "\n"), string.Empty)).Trim();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"<br\s*/?>|</p>|</div>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreaks();
}
