using System.Globalization;
using NavusoftSync.Tools.ProviderSandbox.Google.Shared;
using NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

namespace NavusoftSync.Tools.ProviderSandbox.Realism;

/// <summary>The providers' documented rate-limit answers.</summary>
internal sealed class RealismRejections(GraphErrors graph)
{
    /// <summary>
    /// Gmail and Calendar, without Retry-After as Google sends them: 429 <c>rateLimitExceeded</c> "Rate Limit Exceeded", or
    /// 403 <c>userRateLimitExceeded</c> "User Rate Limit Exceeded", in domain <c>usageLimits</c>.
    /// </summary>
    public static IResult Google(int status) => status == StatusCodes.Status403Forbidden
        ? GoogleApiErrors.Error(status, "PERMISSION_DENIED", "userRateLimitExceeded", "User Rate Limit Exceeded", "usageLimits")
        : GoogleApiErrors.Error(StatusCodes.Status429TooManyRequests, "RESOURCE_EXHAUSTED", "rateLimitExceeded", "Rate Limit Exceeded", "usageLimits");

    /// <summary>Graph's throttling answer: 429 <c>TooManyRequests</c> "Please retry again later." with Retry-After in whole seconds.</summary>
    public IResult Graph(HttpContext http, TimeSpan retryAfter) => graph.Error(
        http,
        StatusCodes.Status429TooManyRequests,
        "TooManyRequests",
        "Please retry again later.",
        new Dictionary<string, string> { ["Retry-After"] = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture) });
}
