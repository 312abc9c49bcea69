using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Faults;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.Tokens;

namespace NavusoftSync.Tools.ProviderSandbox.Google.OAuth;

/// <summary>
/// <c>POST /token</c> for the <c>authorization_code</c> grant (PKCE checked when the code carried a challenge) and the
/// <c>refresh_token</c> grant. Google does not rotate refresh tokens: a refresh answers no new one.
/// </summary>
internal static class GoogleTokenEndpoint
{
    public static async Task<IResult> Handle(HttpContext http, SandboxState state, TokenStore tokens, FaultQueue faults, IdTokenWriter idTokens, SandboxOptions options)
    {
        if (!http.Request.HasFormContentType)
        {
            return GoogleTokenErrors.Create("unsupported_grant_type", "Invalid grant_type: ");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var client = ClientCredentials.Read(http.Request, form);
        if (!ClientCredentials.IsKnownClient(options, SandboxProvider.Google, client.ClientId))
        {
            return GoogleTokenErrors.Create("invalid_client", "The OAuth client was not found.", StatusCodes.Status401Unauthorized);
        }

        if (!client.SecretAccepted(options, SandboxProvider.Google))
        {
            return GoogleTokenErrors.Create("invalid_client", "Unauthorized", StatusCodes.Status401Unauthorized);
        }

        var grantType = form["grant_type"].ToString();
        return grantType switch
        {
            "authorization_code" => RedeemCode(http, form, client.ClientId!, state, tokens, faults, idTokens),
            "refresh_token" => RedeemRefreshToken(http, form, client.ClientId!, state, tokens, faults, idTokens),
            _ => GoogleTokenErrors.Create("unsupported_grant_type", "Invalid grant_type: " + grantType),
        };
    }

    private static IResult RedeemCode(HttpContext http, IFormCollection form, string clientId, SandboxState state, TokenStore tokens, FaultQueue faults, IdTokenWriter idTokens)
    {
        var codeValue = form["code"].ToString();
        if (codeValue.Length == 0)
        {
            return GoogleTokenErrors.InvalidRequest("Missing required parameter: code");
        }

        var (code, failure) = tokens.Redeem(codeValue, SandboxProvider.Google);
        if (code is null)
        {
            return GoogleTokenErrors.InvalidGrant(failure == CodeFailure.Unknown ? "Malformed auth code." : "Bad Request");
        }

        http.SetLoggedMailbox(code.Email);
        if (faults.TakeRequestFault(code.Email, http.Request.Path, isTokenEndpoint: true) is { } fault)
        {
            return TransientError(http, fault);
        }

        if (!string.Equals(code.ClientId, clientId, StringComparison.Ordinal))
        {
            return GoogleTokenErrors.Create("unauthorized_client", "Unauthorized");
        }

        if (!string.Equals(code.RedirectUri, form["redirect_uri"].ToString(), StringComparison.Ordinal))
        {
            return GoogleTokenErrors.Create("redirect_uri_mismatch", "Bad Request");
        }

        var verifier = form["code_verifier"].ToString();
        if (code.CodeChallenge is { } challenge)
        {
            if (verifier.Length == 0)
            {
                return GoogleTokenErrors.InvalidGrant("Missing code verifier.");
            }

            if (!Pkce.Matches(verifier, challenge, code.CodeChallengeMethod))
            {
                return GoogleTokenErrors.InvalidGrant("Invalid code verifier.");
            }
        }

        var pair = tokens.Issue(SandboxProvider.Google, code.Email, clientId, code.Scope, code.IssueRefreshToken);
        return Success(pair, code.Scope, code.Nonce, state, idTokens, tokens.Now);
    }

    private static IResult RedeemRefreshToken(HttpContext http, IFormCollection form, string clientId, SandboxState state, TokenStore tokens, FaultQueue faults, IdTokenWriter idTokens)
    {
        var value = form["refresh_token"].ToString();
        if (value.Length == 0)
        {
            return GoogleTokenErrors.InvalidRequest("Missing required parameter: refresh_token");
        }

        var grant = tokens.FindRefresh(value, SandboxProvider.Google);
        if (grant is null)
        {
            return GoogleTokenErrors.InvalidGrant("Token has been expired or revoked.");
        }

        http.SetLoggedMailbox(grant.Email);
        if (faults.TakeRequestFault(grant.Email, http.Request.Path, isTokenEndpoint: true) is { } fault)
        {
            return TransientError(http, fault);
        }

        if (!string.Equals(grant.ClientId, clientId, StringComparison.Ordinal))
        {
            return GoogleTokenErrors.Create("unauthorized_client", "Unauthorized");
        }

        if (faults.TakeInvalidGrant(grant.Email) || state.Find(grant.Email) is null)
        {
            return GoogleTokenErrors.InvalidGrant("Token has been expired or revoked.");
        }

        var pair = tokens.Refresh(grant, rotate: false, grant.Scope);
        return Success(pair, grant.Scope, nonce: null, state, idTokens, tokens.Now);
    }

    private static WireJsonResult Success(TokenPair pair, string scope, string? nonce, SandboxState state, IdTokenWriter idTokens, DateTimeOffset now)
    {
        var body = new JsonObject
        {
            ["access_token"] = pair.Access.Token,
            ["expires_in"] = pair.ExpiresIn,
        };
        if (pair.Refresh is not null)
        {
            body["refresh_token"] = pair.Refresh.Token;
        }

        body["scope"] = scope;
        body["token_type"] = "Bearer";
        if (OAuthRedirect.HasScope(scope, "openid") && state.Find(pair.Access.Email) is { } mailbox)
        {
            body["id_token"] = idTokens.Write(GoogleIdToken.Claims(mailbox.Identity, pair.Access.ClientId, nonce, now));
        }

        return new WireJsonResult(body, StatusCodes.Status200OK, WireJsonResult.Json, GoogleTokenErrors.NoStore);
    }

    private static IResult TransientError(HttpContext http, QueuedFault fault)
    {
        http.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return GoogleTokenErrors.Create(fault.StatusCode == StatusCodes.Status429TooManyRequests ? "rate_limit_exceeded" : "internal_failure", "Backend Error", fault.StatusCode);
    }
}
