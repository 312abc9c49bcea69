using System.Globalization;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Faults;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.Tokens;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Shared;

/// <summary>
/// Google's JSON error envelope (Gmail and Calendar alike):
/// <c>{"error": {"code", "message", "errors": [{"message", "domain", "reason"}], "status"}}</c>.
/// </summary>
internal sealed class GoogleApiErrors(TimeProvider clock) : IApiErrors
{
    public static IResult Error(
        int code, string status, string reason, string message, string domain = "global", IDictionary<string, string>? headers = null, JsonObject? detail = null)
    {
        var item = new JsonObject { ["message"] = message, ["domain"] = domain, ["reason"] = reason };
        foreach (var (name, value) in detail ?? [])
        {
            item[name] = value?.DeepClone();
        }

        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["errors"] = new JsonArray(item),
                ["status"] = status,
            },
        };
        return new WireJsonResult(body, code, WireJsonResult.Json, headers?.AsReadOnly());
    }

    public IResult Unauthorized(HttpContext context, AuthFailure failure) => Error(
        StatusCodes.Status401Unauthorized,
        "UNAUTHENTICATED",
        "authError",
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
        headers: new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"" },
        detail: new JsonObject { ["location"] = "Authorization", ["locationType"] = "header" });

    public IResult Fault(HttpContext context, QueuedFault fault)
    {
        var retryAfter = new Dictionary<string, string> { ["Retry-After"] = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture) };
        return fault.StatusCode switch
        {
            StatusCodes.Status429TooManyRequests => Error(
                fault.StatusCode,
                "RESOURCE_EXHAUSTED",
                "rateLimitExceeded",
                "User-rate limit exceeded.  Retry after " + clock.GetUtcNow().AddSeconds(fault.RetryAfterSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                "usageLimits",
                retryAfter),
            StatusCodes.Status503ServiceUnavailable => Error(fault.StatusCode, "UNAVAILABLE", "backendError", "The service is currently unavailable.", headers: retryAfter),
            StatusCodes.Status401Unauthorized => Unauthorized(context, AuthFailure.Invalid),
            _ => Error(fault.StatusCode, "INTERNAL", "backendError", "Backend Error"),
        };
    }

    public static IResult NotFound(string message = "Requested entity was not found.") =>
        Error(StatusCodes.Status404NotFound, "NOT_FOUND", "notFound", message);

    public static IResult Invalid(string message, string reason = "invalid") =>
        Error(StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", reason, message);

    public static IResult Forbidden(string message) =>
        Error(StatusCodes.Status403Forbidden, "PERMISSION_DENIED", "forbidden", message);
}
