using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Faults;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.Tokens;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Identity;

/// <summary>
/// <c>POST /{tenant}/oauth2/v2.0/token</c> for the <c>authorization_code</c> (PKCE verified) and <c>refresh_token</c> grants.
/// Refresh tokens rotate: each use returns a new one and kills the old one.
/// </summary>
internal static class MicrosoftTokenEndpoint
{
    public static async Task<IResult> Handle(HttpContext http, SandboxState state, TokenStore tokens, FaultQueue faults, IdTokenWriter idTokens, SandboxOptions options)
    {
        var now = tokens.Now;
        if (!http.Request.HasFormContentType)
        {
            return MicrosoftTokenErrors.InvalidRequest(http, now, "grant_type");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var client = ClientCredentials.Read(http.Request, form);
        if (client.ClientId is null)
        {
            return MicrosoftTokenErrors.InvalidRequest(http, now, "client_id");
        }

        if (!ClientCredentials.IsKnownClient(options, SandboxProvider.Microsoft, client.ClientId))
        {
            return MicrosoftTokenErrors.Create(http, now, "unauthorized_client", 700016, $"Application with identifier '{client.ClientId}' was not found in the directory.");
        }

        if (!client.SecretAccepted(options, SandboxProvider.Microsoft))
        {
            return MicrosoftTokenErrors.Create(http, now, "invalid_client", 7000215, "Invalid client secret provided.", StatusCodes.Status401Unauthorized);
        }

        var grantType = form["grant_type"].ToString();
        return grantType switch
        {
            "authorization_code" => RedeemCode(http, form, client.ClientId, state, tokens, faults, idTokens),
            "refresh_token" => RedeemRefreshToken(http, form, client.ClientId, state, tokens, faults, idTokens),
            "" => MicrosoftTokenErrors.InvalidRequest(http, now, "grant_type"),
            _ => MicrosoftTokenErrors.Create(http, now, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{grantType}'."),
        };
    }

    private static IResult RedeemCode(HttpContext http, IFormCollection form, string clientId, SandboxState state, TokenStore tokens, FaultQueue faults, IdTokenWriter idTokens)
    {
        var now = tokens.Now;
        var codeValue = form["code"].ToString();
        if (codeValue.Length == 0)
        {
            return MicrosoftTokenErrors.InvalidRequest(http, now, "code");
        }

        var (code, failure) = tokens.Redeem(codeValue, SandboxProvider.Microsoft);
        if (code is null)
        {
            return failure switch
            {
                CodeFailure.AlreadyRedeemed => MicrosoftTokenErrors.InvalidGrant(http, now, 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token."),
                CodeFailure.Expired => MicrosoftTokenErrors.InvalidGrant(http, now, 70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource."),
                _ => MicrosoftTokenErrors.InvalidGrant(http, now, 70000, "The provided value for the 'code' parameter is not valid."),
            };
        }

        http.SetLoggedMailbox(code.Email);
        if (faults.TakeRequestFault(code.Email, http.Request.Path, isTokenEndpoint: true) is { } fault)
        {
            return TransientError(http, now, fault);
        }

        if (!string.Equals(code.ClientId, clientId, StringComparison.Ordinal))
        {
            return MicrosoftTokenErrors.InvalidGrant(http, now, 70000, "The provided value for the 'code' parameter is not valid. The code was issued to a different client.");
        }

        if (!string.Equals(code.RedirectUri, form["redirect_uri"].ToString(), StringComparison.Ordinal))
        {
            return MicrosoftTokenErrors.InvalidGrant(http, now, 500112, "The reply address does not match the reply address provided when requesting the authorization code.");
        }

        var verifier = form["code_verifier"].ToString();
        if (verifier.Length == 0)
        {
            return MicrosoftTokenErrors.InvalidRequest(http, now, "code_verifier");
        }

        if (!Pkce.IsValidVerifier(verifier) || !Pkce.Matches(verifier, code.CodeChallenge!, code.CodeChallengeMethod))
        {
            return MicrosoftTokenErrors.InvalidGrant(http, now, 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
        }

        var scope = form["scope"].ToString() is { Length: > 0 } requested ? requested : code.Scope;
        var pair = tokens.Issue(SandboxProvider.Microsoft, code.Email, clientId, scope, withRefreshToken: OAuthRedirect.HasScope(code.Scope, "offline_access"));
        return Success(http, pair, scope, code.Nonce, state, idTokens, now);
    }

    private static IResult RedeemRefreshToken(HttpContext http, IFormCollection form, string clientId, SandboxState state, TokenStore tokens, FaultQueue faults, IdTokenWriter idTokens)
    {
        var now = tokens.Now;
        var value = form["refresh_token"].ToString();
        if (value.Length == 0)
        {
            return MicrosoftTokenErrors.InvalidRequest(http, now, "refresh_token");
        }

        var grant = tokens.FindRefresh(value, SandboxProvider.Microsoft);
        if (grant is null || !string.Equals(grant.ClientId, clientId, StringComparison.Ordinal))
        {
            return MicrosoftTokenErrors.InvalidGrant(http, now, 70000, "The provided value for the 'refresh_token' is not valid: it is unknown, was revoked, or was already used (refresh tokens rotate).");
        }

        http.SetLoggedMailbox(grant.Email);
        if (faults.TakeRequestFault(grant.Email, http.Request.Path, isTokenEndpoint: true) is { } fault)
        {
            return TransientError(http, now, fault);
        }

        if (faults.TakeInvalidGrant(grant.Email) || state.Find(grant.Email) is null)
        {
            return MicrosoftTokenErrors.InvalidGrant(http, now, 50173, "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.");
        }

        var scope = form["scope"].ToString() is { Length: > 0 } requested ? requested : grant.Scope;
        var pair = tokens.Refresh(grant, rotate: true, scope);
        return Success(http, pair, scope, nonce: null, state, idTokens, now);
    }

    private static WireJsonResult Success(HttpContext http, TokenPair pair, string scope, string? nonce, SandboxState state, IdTokenWriter idTokens, DateTimeOffset now)
    {
        var body = new JsonObject
        {
            ["token_type"] = "Bearer",
            ["scope"] = string.Join(' ', scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => !s.Equals("offline_access", StringComparison.OrdinalIgnoreCase))),
            ["expires_in"] = pair.ExpiresIn,
            ["ext_expires_in"] = pair.ExpiresIn,
            ["access_token"] = pair.Access.Token,
        };
        if (pair.Refresh is not null)
        {
            body["refresh_token"] = pair.Refresh.Token;
        }

        if (OAuthRedirect.HasScope(scope, "openid") && state.Find(pair.Access.Email) is { } mailbox)
        {
            body["id_token"] = idTokens.Write(MicrosoftIdToken.Claims(http, mailbox.Identity, pair.Access.ClientId, nonce, now));
        }

        return new WireJsonResult(body, StatusCodes.Status200OK, WireJsonResult.Json, MicrosoftTokenErrors.NoStore);
    }

    private static IResult TransientError(HttpContext http, DateTimeOffset now, QueuedFault fault)
    {
        var result = MicrosoftTokenErrors.Create(http, now, "temporarily_unavailable", 90033, "A transient error has occurred. Please try again.", fault.StatusCode);
        http.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }
}
