using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.Tokens;

namespace NavusoftSync.Tools.ProviderSandbox.Google.OAuth;

/// <summary>
/// <c>GET /o/oauth2/v2/auth</c>: consents at once and redirects with <c>state</c>, <c>code</c> and <c>scope</c>. A refresh token
/// will be issued for <c>access_type=offline</c> on the first consent of a client to a mailbox, or with <c>prompt=consent</c>.
/// </summary>
internal static class GoogleAuthorizeEndpoint
{
    public static IResult Handle(HttpContext http, SandboxState state, TokenStore tokens, SandboxOptions options)
    {
        var query = http.Request.Query;
        string clientId = query["client_id"].ToString(), redirectUri = query["redirect_uri"].ToString(), clientState = query["state"].ToString();
        string? stateParameter = string.IsNullOrEmpty(clientState) ? null : clientState;
        if (!ClientCredentials.IsKnownClient(options, SandboxProvider.Google, clientId))
        {
            return OAuthRedirect.Page(StatusCodes.Status401Unauthorized, "Error 401: invalid_client", "The OAuth client was not found.");
        }

        if (!OAuthRedirect.IsAbsoluteHttpUri(redirectUri))
        {
            return OAuthRedirect.Page(StatusCodes.Status400BadRequest, "Error 400: redirect_uri_mismatch", "redirect_uri is missing or is not an absolute http(s) URI.");
        }

        var scope = query["scope"].ToString().Trim();
        if (scope.Length == 0)
        {
            return OAuthRedirect.Page(StatusCodes.Status400BadRequest, "Error 400: invalid_request", "Missing required parameter: scope");
        }

        var method = query["code_challenge_method"].ToString();
        var challenge = query["code_challenge"].ToString();
        if (challenge.Length > 0 && method.Length > 0 && method is not ("S256" or "plain"))
        {
            return OAuthRedirect.Page(StatusCodes.Status400BadRequest, "Error 400: invalid_request", $"Invalid code_challenge_method: {method}");
        }

        if (!query["response_type"].ToString().Equals("code", StringComparison.Ordinal))
        {
            return OAuthRedirect.Error(redirectUri, "unsupported_response_type", "response_type must be 'code'.", stateParameter);
        }

        var mailbox = ConsentMailbox.Resolve(state, options, SandboxProvider.Google, query["login_hint"].ToString());
        if (mailbox is null)
        {
            return OAuthRedirect.Error(redirectUri, "access_denied", "No sandbox Google account signs in here (login_hint). Seed one or set the consent default.", stateParameter);
        }

        http.SetLoggedMailbox(mailbox.Email);
        var firstConsent = tokens.RecordConsent(SandboxProvider.Google, clientId, mailbox.Email);
        var prompt = query["prompt"].ToString();
        var offline = query["access_type"].ToString().Equals("offline", StringComparison.Ordinal)
            && (firstConsent || prompt.Split(' ').Contains("consent", StringComparer.Ordinal));
        var granted = GoogleScopes.Normalize(scope);
        var code = tokens.IssueCode(
            SandboxProvider.Google,
            mailbox.Email,
            clientId,
            redirectUri,
            challenge.Length == 0 ? null : challenge,
            challenge.Length == 0 ? null : method.Length == 0 ? "plain" : method,
            granted,
            query["nonce"].ToString() is { Length: > 0 } nonce ? nonce : null,
            offline);
        return OAuthRedirect.To(redirectUri,
        [
            new("state", stateParameter),
            new("code", code.Code),
            new("scope", granted),
            new("authuser", "0"),
            new("prompt", firstConsent || prompt.Contains("consent", StringComparison.Ordinal) ? "consent" : "none"),
        ]);
    }
}
