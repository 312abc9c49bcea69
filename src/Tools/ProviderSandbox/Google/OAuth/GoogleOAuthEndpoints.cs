using NavusoftSync.Tools.ProviderSandbox.Hosting;

namespace NavusoftSync.Tools.ProviderSandbox.Google.OAuth;

internal static class GoogleOAuthEndpoints
{
    public static IEndpointRouteBuilder MapGoogleOAuth(this IEndpointRouteBuilder app)
    {
        app.MapGet(SandboxPaths.GoogleAuthorize, GoogleAuthorizeEndpoint.Handle);
        app.MapPost(SandboxPaths.GoogleToken, GoogleTokenEndpoint.Handle).DisableAntiforgery();
        app.MapPost(SandboxPaths.GoogleRevoke, GoogleRevokeEndpoint.Handle).DisableAntiforgery();
        return app;
    }
}
