using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Google.OAuth;

/// <summary>The claims of a Google id_token.</summary>
internal static class GoogleIdToken
{
    public static JsonObject Claims(MailboxIdentity user, string clientId, string? nonce, DateTimeOffset now)
    {
        var issuedAt = now.ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = "https://accounts.google.com",
            ["azp"] = clientId,
            ["aud"] = clientId,
            ["sub"] = user.GoogleSubject,
            ["email"] = user.Email,
            ["email_verified"] = true,
            ["name"] = user.DisplayName,
            ["given_name"] = user.GivenName,
            ["family_name"] = user.Surname,
            ["iat"] = issuedAt,
            ["exp"] = issuedAt + 3600,
        };
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        return claims;
    }
}
