using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.Tokens;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Identity;

/// <summary>
/// <c>GET /{tenant}/oauth2/v2.0/authorize</c>: signs the login_hint's (or the default) mailbox in and consents at once,
/// redirecting to redirect_uri with <c>code</c> and <c>state</c>. PKCE with S256 is required.
/// </summary>
internal static class MicrosoftAuthorizeEndpoint
{
    public static IResult Handle(HttpContext http, string tenant, SandboxState state, TokenStore tokens, SandboxOptions options)
    {
        var query = http.Request.Query;
        string clientId = query["client_id"].ToString(), redirectUri = query["redirect_uri"].ToString(), clientState = query["state"].ToString();
        string? stateParameter = string.IsNullOrEmpty(clientState) ? null : clientState;
        if (!ClientCredentials.IsKnownClient(options, SandboxProvider.Microsoft, clientId))
        {
            return OAuthRedirect.Page(StatusCodes.Status400BadRequest, "unauthorized_client", $"AADSTS700016: Application with identifier '{clientId}' was not found in the directory '{tenant}'.");
        }

        if (!OAuthRedirect.IsAbsoluteHttpUri(redirectUri))
        {
            return OAuthRedirect.Page(StatusCodes.Status400BadRequest, "invalid_request", "AADSTS50011: The redirect URI specified in the request is missing or is not an absolute http(s) URI.");
        }

        var responseMode = query["response_mode"].ToString();
        if (responseMode.Length > 0 && !responseMode.Equals("query", StringComparison.Ordinal))
        {
            return OAuthRedirect.Error(redirectUri, "invalid_request", $"AADSTS900144: The sandbox supports response_mode=query only, not '{responseMode}'.", stateParameter);
        }

        if (!query["response_type"].ToString().Equals("code", StringComparison.Ordinal))
        {
            return OAuthRedirect.Error(redirectUri, "unsupported_response_type", "AADSTS70005: response_type must be 'code' for the authorization code flow.", stateParameter);
        }

        var scope = query["scope"].ToString().Trim();
        if (scope.Length == 0)
        {
            return OAuthRedirect.Error(redirectUri, "invalid_request", "AADSTS900144: The request body must contain the following parameter: 'scope'.", stateParameter);
        }

        var challenge = query["code_challenge"].ToString();
        if (challenge.Length == 0)
        {
            return OAuthRedirect.Error(redirectUri, "invalid_request", "AADSTS9002325: Proof Key for Code Exchange is required for cross-origin authorization code redemption.", stateParameter);
        }

        if (!query["code_challenge_method"].ToString().Equals("S256", StringComparison.Ordinal))
        {
            return OAuthRedirect.Error(redirectUri, "invalid_request", "AADSTS501491: The sandbox requires code_challenge_method=S256.", stateParameter);
        }

        var loginHint = query["login_hint"].ToString();
        var mailbox = ConsentMailbox.Resolve(state, options, SandboxProvider.Microsoft, loginHint);
        if (mailbox is null)
        {
            return OAuthRedirect.Error(redirectUri, "access_denied", $"AADSTS50034: No sandbox mailbox signs in here (login_hint '{loginHint}'). Seed one or set the consent default.", stateParameter);
        }

        http.SetLoggedMailbox(mailbox.Email);
        var code = tokens.IssueCode(
            SandboxProvider.Microsoft, mailbox.Email, clientId, redirectUri, challenge, "S256", scope, query["nonce"].ToString() is { Length: > 0 } nonce ? nonce : null, issueRefreshToken: true);
        return OAuthRedirect.To(redirectUri,
        [
            new("code", code.Code),
            new("state", stateParameter),
            new("session_state", mailbox.Identity.ObjectId.ToString()),
        ]);
    }
}
