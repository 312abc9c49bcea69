using System.Globalization;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Json;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Identity;

/// <summary>Microsoft identity platform token errors: <c>{error, error_description, error_codes, timestamp, trace_id, correlation_id, error_uri}</c>.</summary>
internal static class MicrosoftTokenErrors
{
    public static IResult Create(HttpContext http, DateTimeOffset now, string error, int code, string description, int statusCode = StatusCodes.Status400BadRequest)
    {
        var traceId = Guid.NewGuid().ToString();
        var correlationId = Guid.TryParse(http.Request.Headers["client-request-id"], out var supplied) ? supplied.ToString() : Guid.NewGuid().ToString();
        var timestamp = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["error"] = error,
            ["error_description"] = $"AADSTS{code}: {description}\r\nTrace ID: {traceId}\r\nCorrelation ID: {correlationId}\r\nTimestamp: {timestamp}",
            ["error_codes"] = new JsonArray(code),
            ["timestamp"] = timestamp,
            ["trace_id"] = traceId,
            ["correlation_id"] = correlationId,
            ["error_uri"] = $"https://login.microsoftonline.com/error?code={code}",
        };
        return new WireJsonResult(body, statusCode, WireJsonResult.Json, NoStore);
    }

    public static IResult InvalidGrant(HttpContext http, DateTimeOffset now, int code, string description) =>
        Create(http, now, "invalid_grant", code, description);

    public static IResult InvalidRequest(HttpContext http, DateTimeOffset now, string parameter) =>
        Create(http, now, "invalid_request", 900144, $"The request body must contain the following parameter: '{parameter}'.");

    public static readonly IReadOnlyDictionary<string, string> NoStore = new Dictionary<string, string>
    {
        ["Cache-Control"] = "no-store, no-cache",
        ["Pragma"] = "no-cache",
    };
}
