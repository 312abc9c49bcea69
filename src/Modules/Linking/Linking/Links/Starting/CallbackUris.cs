using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace NavusoftSync.Linking.Links.Starting;

/// <summary>The OAuth redirect_uri: <c>{Links:CallbackBaseUrl or the request's own base URL}/api/links/callback/{provider}</c>.</summary>
internal static class CallbackUris
{
    public const string BaseUrlKey = "Links:CallbackBaseUrl";

    public static string For(IConfiguration configuration, HttpRequest request, string provider)
    {
        var configured = configuration[BaseUrlKey];
        var baseUrl = string.IsNullOrWhiteSpace(configured)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : configured;
        return $"{baseUrl.TrimEnd('/')}/api/links/callback/{Uri.EscapeDataString(provider)}";
    }
}
