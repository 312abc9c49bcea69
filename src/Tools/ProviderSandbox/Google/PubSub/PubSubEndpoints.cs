using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.Json;

namespace NavusoftSync.Tools.ProviderSandbox.Google.PubSub;

internal static class PubSubEndpoints
{
    /// <summary>The JWKS of the Pub/Sub push token keys, at Google's <c>/oauth2/v3/certs</c>; unauthenticated, as Google's.</summary>
    public static IEndpointRouteBuilder MapPubSub(this IEndpointRouteBuilder app)
    {
        app.MapGet(SandboxPaths.PubSubCerts, (PubSubKeys keys) =>
            new WireJsonResult(keys.Jwks(), StatusCodes.Status200OK, WireJsonResult.Json, new Dictionary<string, string> { ["Cache-Control"] = "public, max-age=300" }));
        return app;
    }
}
