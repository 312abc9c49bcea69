using Microsoft.IdentityModel.JsonWebTokens;
using NavusoftSync.BuildingBlocks.Email;

namespace NavusoftSync.Linking.OAuth;

/// <summary>
/// Reads an id_token received straight from the provider's token endpoint over TLS. OpenID Connect
/// Core 3.1.3.7 (6) lets such a client rely on TLS instead of the signature; the audience is still
/// checked, so an id_token minted for another client is refused.
/// </summary>
internal static class IdTokenClaims
{
    public static ExternalAccount ReadAccount(string? idToken, string expectedAudience, string provider)
    {
        if (string.IsNullOrWhiteSpace(idToken))
        {
            throw new OAuthTokenException(provider, null, "id_token_missing", "The token answer has no id_token.");
        }

        JsonWebToken token;
        try
        {
            token = new JsonWebToken(idToken);
        }
        catch (ArgumentException e)
        {
            throw new OAuthTokenException(provider, null, "id_token_invalid", "The id_token could not be read.", inner: e);
        }

        if (!token.Audiences.Contains(expectedAudience, StringComparer.Ordinal))
        {
            throw new OAuthTokenException(provider, null, "id_token_invalid", "The id_token was issued to another client.");
        }

        var subject = token.TryGetPayloadValue<string>("sub", out var sub) ? sub : null;
        var email = token.TryGetPayloadValue<string>("email", out var e2) ? e2 : null;
        var verified = !token.TryGetPayloadValue<bool>("email_verified", out var v) || v;
        if (string.IsNullOrWhiteSpace(subject) || string.IsNullOrWhiteSpace(email) || !verified)
        {
            throw new OAuthTokenException(provider, null, "id_token_incomplete", "The id_token has no subject or no verified email.");
        }

        return new ExternalAccount(subject, EmailAddressRule.Normalize(email), token.TryGetPayloadValue<string>("name", out var name) ? name : null);
    }
}
