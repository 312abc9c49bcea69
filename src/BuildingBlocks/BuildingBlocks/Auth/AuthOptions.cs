using Microsoft.Extensions.Configuration;

namespace NavusoftSync.BuildingBlocks.Auth;

/// <summary>The <c>Auth</c> configuration section (CONTRACT.md).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The issuer a blank <c>Auth:Issuer</c> stands for in Development (the dev token endpoint mints it).</summary>
    public const string DevelopmentIssuer = "https://navusoft.example/";

    /// <summary>The audience a blank <c>Auth:Audience</c> stands for in Development.</summary>
    public const string DevelopmentAudience = "navusoftsync";

    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    /// <summary>HS256 key: base64 of at least 32 bytes, or plain text of at least 32 bytes.</summary>
    public string? SigningKey { get; set; }

    /// <summary>OIDC authority whose discovery document supplies the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>
    /// The section as the host uses it. In Development a blank issuer or audience stands for
    /// <see cref="DevelopmentIssuer"/> / <see cref="DevelopmentAudience"/>; elsewhere it stays blank,
    /// every token is refused, and the host's startup checks refuse to start.
    /// </summary>
    public static AuthOptions From(IConfiguration configuration, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SectionName).Get<AuthOptions>() ?? new AuthOptions();
        if (isDevelopment)
        {
            options.Issuer = string.IsNullOrWhiteSpace(options.Issuer) ? DevelopmentIssuer : options.Issuer;
            options.Audience = string.IsNullOrWhiteSpace(options.Audience) ? DevelopmentAudience : options.Audience;
        }

        return options;
    }
}
