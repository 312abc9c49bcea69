namespace NavusoftSync.Tools.ProviderSandbox.Hosting;

/// <summary>The URLs to point NavusoftSync at, as the <c>Providers:*</c> configuration keys of the contract.</summary>
public sealed record SandboxUrls(string BaseUrl)
{
    /// <summary><c>Providers:Microsoft:AuthorityUrl</c>: <c>{authority}/{tenant}/oauth2/v2.0/authorize|token</c>.</summary>
    public string MicrosoftAuthorityUrl => BaseUrl + SandboxPaths.MicrosoftAuthority;

    /// <summary><c>Providers:Microsoft:GraphBaseUrl</c>.</summary>
    public string GraphBaseUrl => BaseUrl + SandboxPaths.Graph;

    /// <summary><c>Providers:Google:AuthorizeUrl</c>.</summary>
    public string GoogleAuthorizeUrl => BaseUrl + SandboxPaths.GoogleAuthorize;

    /// <summary><c>Providers:Google:TokenUrl</c>.</summary>
    public string GoogleTokenUrl => BaseUrl + SandboxPaths.GoogleToken;

    /// <summary>Google's token revocation endpoint (<c>POST /revoke?token=</c>); not a NavusoftSync setting.</summary>
    public string GoogleRevokeUrl => BaseUrl + SandboxPaths.GoogleRevoke;

    /// <summary><c>Providers:Google:GmailBaseUrl</c>.</summary>
    public string GmailBaseUrl => BaseUrl + SandboxPaths.Gmail;

    /// <summary><c>Providers:Google:CalendarBaseUrl</c>.</summary>
    public string CalendarBaseUrl => BaseUrl + SandboxPaths.Calendar;

    /// <summary><c>Providers:Google:PubSubCertsUrl</c>: the JWKS that verifies Pub/Sub push OIDC tokens.</summary>
    public string PubSubCertsUrl => BaseUrl + SandboxPaths.PubSubCerts;

    /// <summary>The control API base: <c>{BaseUrl}/_sandbox</c>.</summary>
    public string ControlUrl => BaseUrl + SandboxPaths.Control;

    /// <summary>
    /// The provider URL keys of NavusoftSync's configuration, ready for <c>AddInMemoryCollection</c>. Client ids and secrets
    /// are not included: any value works unless <see cref="SandboxOptions.MicrosoftClients"/>/<see cref="SandboxOptions.GoogleClients"/> register some.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ToConfiguration() => new Dictionary<string, string?>
    {
        ["Providers:Microsoft:AuthorityUrl"] = MicrosoftAuthorityUrl,
        ["Providers:Microsoft:GraphBaseUrl"] = GraphBaseUrl,
        ["Providers:Google:AuthorizeUrl"] = GoogleAuthorizeUrl,
        ["Providers:Google:TokenUrl"] = GoogleTokenUrl,
        ["Providers:Google:GmailBaseUrl"] = GmailBaseUrl,
        ["Providers:Google:CalendarBaseUrl"] = CalendarBaseUrl,
        ["Providers:Google:PubSubCertsUrl"] = PubSubCertsUrl,
    };
}
