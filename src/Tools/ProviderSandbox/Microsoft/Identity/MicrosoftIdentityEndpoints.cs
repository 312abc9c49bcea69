namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Identity;

internal static class MicrosoftIdentityEndpoints
{
    public static IEndpointRouteBuilder MapMicrosoftIdentity(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{tenant}/oauth2/v2.0/authorize", MicrosoftAuthorizeEndpoint.Handle);
        app.MapPost("/{tenant}/oauth2/v2.0/token", MicrosoftTokenEndpoint.Handle).DisableAntiforgery();
        return app;
    }
}
