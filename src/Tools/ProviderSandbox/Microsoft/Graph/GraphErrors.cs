using System.Globalization;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Faults;
using NavusoftSync.Tools.ProviderSandbox.Tokens;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

/// <summary>Graph's error envelope: <c>{"error": {"code", "message", "innerError": {"date", "request-id", "client-request-id"}}}</c>.</summary>
internal sealed class GraphErrors(TimeProvider clock) : IApiErrors
{
    public IResult Error(HttpContext http, int statusCode, string code, string message, IDictionary<string, string>? headers = null)
    {
        var requestId = Guid.NewGuid().ToString();
        var clientRequestId = http.Request.Headers["client-request-id"].ToString() is { Length: > 0 } supplied ? supplied : requestId;
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["innerError"] = new JsonObject
                {
                    ["date"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                    ["request-id"] = requestId,
                    ["client-request-id"] = clientRequestId,
                },
            },
        };
        var allHeaders = new Dictionary<string, string>(headers ?? new Dictionary<string, string>())
        {
            ["request-id"] = requestId,
            ["client-request-id"] = clientRequestId,
        };
        return new Json.WireJsonResult(body, statusCode, Json.WireJsonResult.Json, allHeaders);
    }

    public IResult Unauthorized(HttpContext context, AuthFailure failure) => Error(
        context,
        StatusCodes.Status401Unauthorized,
        "InvalidAuthenticationToken",
        failure switch
        {
            AuthFailure.Missing => "Access token is empty.",
            AuthFailure.Expired => "Lifetime validation failed, the token is expired.",
            _ => "Access token validation failure.",
        },
        new Dictionary<string, string>
        {
            ["WWW-Authenticate"] = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"",
        });

    public IResult Fault(HttpContext context, QueuedFault fault)
    {
        var retryAfter = new Dictionary<string, string> { ["Retry-After"] = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture) };
        return fault.StatusCode switch
        {
            StatusCodes.Status429TooManyRequests => Error(context, fault.StatusCode, "TooManyRequests", "Please retry again later.", retryAfter),
            StatusCodes.Status503ServiceUnavailable => Error(context, fault.StatusCode, "serviceNotAvailable", "The service is temporarily unavailable. Please retry later.", retryAfter),
            StatusCodes.Status401Unauthorized => Unauthorized(context, AuthFailure.Invalid),
            _ => Error(context, fault.StatusCode, "generalException", "An unexpected error occurred."),
        };
    }

    public IResult NotFound(HttpContext http) =>
        Error(http, StatusCodes.Status404NotFound, "ErrorItemNotFound", "The specified object was not found in the store.");

    public IResult BadRequest(HttpContext http, string code, string message) =>
        Error(http, StatusCodes.Status400BadRequest, code, message);

    public IResult SyncStateNotFound(HttpContext http) =>
        Error(http, StatusCodes.Status410Gone, "syncStateNotFound", "The sync state generation is not found or has expired. Start a new round of change tracking without a state token.");
}
