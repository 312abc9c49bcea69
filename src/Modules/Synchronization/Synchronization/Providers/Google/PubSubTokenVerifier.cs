using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NavusoftSync.Synchronization.Push;

namespace NavusoftSync.Synchronization.Providers.Google;

/// <summary>What the check of a Pub/Sub push's bearer token found.</summary>
internal enum PubSubTokenCheck
{
    /// <summary>Google signed it for our push subscription: the configured audience and service account, unexpired.</summary>
    Valid,

    /// <summary>Missing, unreadable, unsigned, signed by another key, expired, or issued to another audience or account.</summary>
    Invalid,

    /// <summary>Google's signing keys could not be fetched at all: the token cannot be checked now (Pub/Sub redelivers).</summary>
    KeysUnavailable,
}

/// <summary>
/// Checks the <c>Authorization: Bearer</c> OIDC token Cloud Pub/Sub attaches to an authenticated push: RS256 only, signed by
/// one of Google's keys (<see cref="PubSubSigningKeys"/>), issuer Google, audience <c>Providers:Google:PubSubAudience</c>,
/// <c>email</c> the push subscription's service account (<c>PubSubServiceAccount</c>) with <c>email_verified</c> true,
/// within its lifetime (clock skew <see cref="ClockSkew"/>, time from <see cref="TimeProvider"/>). With the audience or the
/// account unset, no token is valid. The token is never logged.
/// </summary>
internal sealed partial class PubSubTokenVerifier(PubSubSigningKeys keys, IOptions<PushOptions> options, TimeProvider clock, ILogger<PubSubTokenVerifier> logger)
{
    public static readonly IReadOnlyList<string> GoogleIssuers = ["https://accounts.google.com", "accounts.google.com"];

    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>Google's tokens are about 1 KB; a longer header is not one.</summary>
    private const int MaxTokenLength = 8 * 1024;

    private readonly JsonWebTokenHandler _handler = new() { MaximumTokenSizeInBytes = MaxTokenLength };

    public async Task<PubSubTokenCheck> CheckAsync(string? authorization, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (BearerOf(authorization) is not { } token || string.IsNullOrWhiteSpace(settings.PubSubAudience) || string.IsNullOrWhiteSpace(settings.PubSubServiceAccount))
        {
            return PubSubTokenCheck.Invalid;
        }

        if (Read(token) is not { Alg: SecurityAlgorithms.RsaSha256 } header)
        {
            LogRejected(logger, "not an RS256 JWT");
            return PubSubTokenCheck.Invalid;
        }

        if (await keys.GetAsync(header.Kid, cancellationToken) is not { } signingKeys)
        {
            return PubSubTokenCheck.KeysUnavailable;
        }

        var result = await _handler.ValidateTokenAsync(token, Parameters(settings.PubSubAudience.Trim(), signingKeys));
        if (!result.IsValid || result.SecurityToken is not JsonWebToken valid)
        {
            LogRejected(logger, result.Exception?.GetType().Name ?? "invalid");
            return PubSubTokenCheck.Invalid;
        }

        return IsServiceAccount(valid, settings.PubSubServiceAccount.Trim()) ? PubSubTokenCheck.Valid : Rejected("another account");
    }

    private PubSubTokenCheck Rejected(string reason)
    {
        LogRejected(logger, reason);
        return PubSubTokenCheck.Invalid;
    }

    private TokenValidationParameters Parameters(string audience, IReadOnlyList<SecurityKey> signingKeys) => new()
    {
        ValidIssuers = GoogleIssuers,
        ValidateIssuer = true,
        ValidAudience = audience,
        ValidateAudience = true,
        IssuerSigningKeys = signingKeys,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = (notBefore, expires, _, _) => IsWithin(notBefore, expires, clock.GetUtcNow().UtcDateTime),
    };

    /// <summary>Unexpired and already valid, give or take <see cref="ClockSkew"/>, on the host's clock; a token without <c>exp</c> is not.</summary>
    private static bool IsWithin(DateTime? notBefore, DateTime? expires, DateTime now) =>
        expires is { } end && now <= end.ToUniversalTime() + ClockSkew && (notBefore is not { } start || now >= start.ToUniversalTime() - ClockSkew);

    private static bool IsServiceAccount(JsonWebToken token, string serviceAccount) =>
        token.TryGetPayloadValue<string>("email", out var email)
        && string.Equals(email, serviceAccount, StringComparison.OrdinalIgnoreCase)
        && token.TryGetPayloadValue<bool>("email_verified", out var verified) && verified;

    private static string? BearerOf(string? authorization) =>
        authorization is { Length: > 7 and <= MaxTokenLength } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? value[7..].Trim()
            : null;

    private static JsonWebToken? Read(string token)
    {
        try
        {
            return new JsonWebToken(token);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A Pub/Sub push token was rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
