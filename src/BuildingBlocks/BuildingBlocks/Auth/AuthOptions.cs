namespace NavusoftSync.BuildingBlocks.Auth;

/// <summary>The <c>Auth</c> configuration section (CONTRACT.md).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    /// <summary>HS256 key: base64 of at least 32 bytes, or plain text of at least 32 bytes.</summary>
    public string? SigningKey { get; set; }

    /// <summary>OIDC authority whose discovery document supplies the signing keys.</summary>
    public string? Authority { get; set; }
}
