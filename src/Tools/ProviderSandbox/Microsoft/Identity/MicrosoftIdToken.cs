using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Identity;

/// <summary>The claims of a v2.0 Microsoft id_token.</summary>
internal static class MicrosoftIdToken
{
    public static JsonObject Claims(HttpContext http, MailboxIdentity user, string clientId, string? nonce, DateTimeOffset now)
    {
        var issuedAt = now.ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["aud"] = clientId,
            ["iss"] = $"{http.Request.Scheme}://{http.Request.Host}/{user.TenantId}/v2.0",
            ["iat"] = issuedAt,
            ["nbf"] = issuedAt,
            ["exp"] = issuedAt + 3600,
            ["email"] = user.Email,
            ["name"] = user.DisplayName,
            ["oid"] = user.ObjectId.ToString(),
            ["preferred_username"] = user.Email,
            ["sub"] = SandboxIds.Base64Url(user.ObjectId.ToString() + "|" + clientId)[..43],
            ["tid"] = user.TenantId.ToString(),
            ["ver"] = "2.0",
        };
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        return claims;
    }
}
