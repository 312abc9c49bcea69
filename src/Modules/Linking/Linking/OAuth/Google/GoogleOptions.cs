namespace NavusoftSync.Linking.OAuth.Google;

/// <summary>The <c>Providers:Google</c> configuration section (CONTRACT.md).</summary>
internal sealed class GoogleOptions
{
    public const string SectionName = "Providers:Google";

    public static readonly IReadOnlyList<string> Scopes =
    [
        "openid",
        "email",
        "https://www.googleapis.com/auth/gmail.readonly",
        "https://www.googleapis.com/auth/calendar.readonly",
    ];

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string AuthorizeUrl { get; set; } = "https://accounts.google.com/o/oauth2/v2/auth";

    public string TokenUrl { get; set; } = "https://oauth2.googleapis.com/token";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    /// <summary>Google's revocation endpoint sits next to its token endpoint (<c>…/token</c> → <c>…/revoke</c>).</summary>
    public string RevokeUrl => TokenUrl.EndsWith("/token", StringComparison.Ordinal) ? TokenUrl[..^"token".Length] + "revoke" : TokenUrl;
}
