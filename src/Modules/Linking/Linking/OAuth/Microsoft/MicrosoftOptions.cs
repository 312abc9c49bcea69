namespace NavusoftSync.Linking.OAuth.Microsoft;

/// <summary>The <c>Providers:Microsoft</c> configuration section (CONTRACT.md).</summary>
internal sealed class MicrosoftOptions
{
    public const string SectionName = "Providers:Microsoft";

    /// <summary>Delegated permissions asked for; <c>offline_access</c> brings the refresh token.</summary>
    public const string Scopes = "offline_access Mail.Read Calendars.Read User.Read";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The Entra tenant segment: <c>common</c> (work and personal accounts), <c>organizations</c>, or a tenant id.</summary>
    public string TenantId { get; set; } = "common";

    public string AuthorityUrl { get; set; } = "https://login.microsoftonline.com";

    public string GraphBaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    public Uri AuthorizeEndpoint => new($"{AuthorityUrl.TrimEnd('/')}/{Uri.EscapeDataString(TenantId)}/oauth2/v2.0/authorize");

    public Uri TokenEndpoint => new($"{AuthorityUrl.TrimEnd('/')}/{Uri.EscapeDataString(TenantId)}/oauth2/v2.0/token");

    public Uri MeEndpoint => new($"{GraphBaseUrl.TrimEnd('/')}/me?$select=id,mail,userPrincipalName,displayName");
}
