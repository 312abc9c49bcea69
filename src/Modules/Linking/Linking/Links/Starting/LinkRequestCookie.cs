using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Linking.OAuth;

namespace NavusoftSync.Linking.Links.Starting;

/// <summary>
/// The browser's half of a link request's <see cref="BrowserBinding"/>: one cookie per link request,
/// named after its state's hash, so several sign-ins started in one browser never overwrite each
/// other (their number is bounded by <see cref="PendingAuthorization.MaxOpenPerUser"/> and each
/// lives as long as its request). HttpOnly (no script reads it), SameSite=Lax (sent on the
/// provider's top-level redirect back, not on cross-site subrequests). On https it is Secure and
/// <c>__Host-</c> prefixed, which requires <c>Path=/</c> and no Domain: a sibling subdomain or a
/// plain-http response cannot plant one, so an attacker cannot put his own request's value into
/// someone else's browser. "On https" is what the browser sees: the request's own scheme, or an https
/// <c>Links:CallbackBaseUrl</c> (the host behind a TLS-terminating proxy sees plain http). On plain
/// http (development, tests) neither is possible: same name without the prefix, same path.
/// </summary>
internal static class LinkRequestCookie
{
    private const string SecurePrefix = "__Host-";
    private const string BaseName = "navusoft-link-";

    public static string NameFor(HttpRequest request, string stateHash) =>
        (IsSecure(request) ? SecurePrefix : string.Empty) + BaseName + stateHash[..16];

    public static void Append(HttpContext http, string stateHash, string value) =>
        http.Response.Cookies.Append(NameFor(http.Request, stateHash), value, Options(http.Request, PendingAuthorization.Lifetime));

    /// <summary>Tells the browser to drop the request's cookie (used up, or the request was cancelled).</summary>
    public static void Expire(HttpContext http, string stateHash) =>
        http.Response.Cookies.Delete(NameFor(http.Request, stateHash), Options(http.Request, maxAge: null));

    public static string? Read(HttpRequest request, string stateHash) =>
        request.Cookies.TryGetValue(NameFor(request, stateHash), out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private static bool IsSecure(HttpRequest request) =>
        request.IsHttps
        || request.HttpContext.RequestServices.GetService<IConfiguration>()?[CallbackUris.BaseUrlKey] is { } publicBase
            && publicBase.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static CookieOptions Options(HttpRequest request, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = IsSecure(request),
        SameSite = SameSiteMode.Lax,
        Path = "/",
        MaxAge = maxAge,
        IsEssential = true,
    };
}
