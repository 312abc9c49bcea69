namespace NavusoftSync.Tools.ProviderSandbox.Hosting;

/// <summary>Where each emulated API lives under the sandbox's base URL.</summary>
internal static class SandboxPaths
{
    /// <summary>Microsoft identity: <c>/{tenant}/oauth2/v2.0/authorize|token</c> at the root, like login.microsoftonline.com.</summary>
    public const string MicrosoftAuthority = "";

    /// <summary>Graph at <c>/v1.0</c>, like graph.microsoft.com: the SDK's batch content strips exactly <c>/v1.0</c> from request paths.</summary>
    public const string Graph = "/v1.0";

    public const string GoogleAuthorize = "/o/oauth2/v2/auth";

    public const string GoogleToken = "/token";

    public const string GoogleRevoke = "/revoke";

    public const string Gmail = "/gmail/v1";

    public const string Calendar = "/calendar/v3";

    public const string Control = "/_sandbox";

    /// <summary>The JWKS of the keys that sign Pub/Sub push tokens, at Google's path.</summary>
    public const string PubSubCerts = "/oauth2/v3/certs";

    public static string ApiOf(PathString path)
    {
        if (path.StartsWithSegments(Graph))
        {
            return "graph";
        }

        if (path.StartsWithSegments(Gmail))
        {
            return "gmail";
        }

        if (path.StartsWithSegments(Calendar))
        {
            return "calendar";
        }

        if (path.StartsWithSegments(GoogleAuthorize) || path.StartsWithSegments(GoogleToken) || path.StartsWithSegments(GoogleRevoke))
        {
            return "google-oauth";
        }

        return path.Value?.Contains("/oauth2/v2.0/", StringComparison.OrdinalIgnoreCase) == true ? "microsoft-identity" : "other";
    }
}
