using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.Tokens;

namespace NavusoftSync.Tools.ProviderSandbox.Google.OAuth;

/// <summary><c>POST /revoke?token=</c> (or a <c>token</c> form field): revokes the grant behind an access or refresh token.</summary>
internal static class GoogleRevokeEndpoint
{
    public static async Task<IResult> Handle(HttpContext http, TokenStore tokens)
    {
        var token = http.Request.Query["token"].ToString();
        if (token.Length == 0 && http.Request.HasFormContentType)
        {
            token = (await http.Request.ReadFormAsync(http.RequestAborted))["token"].ToString();
        }

        return tokens.RevokeGrant(token, SandboxProvider.Google)
            ? new WireJsonResult(new JsonObject(), StatusCodes.Status200OK, WireJsonResult.Json)
            : GoogleTokenErrors.Create("invalid_token", "Token expired or revoked");
    }
}
