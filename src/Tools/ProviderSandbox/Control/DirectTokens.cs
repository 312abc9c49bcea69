using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Google.OAuth;
using NavusoftSync.Tools.ProviderSandbox.Microsoft.Identity;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.Tokens;

namespace NavusoftSync.Tools.ProviderSandbox.Control;

/// <summary>Issues tokens for a mailbox without the browser leg, as if its user had consented.</summary>
internal static class DirectTokens
{
    public const string DefaultClientId = "sandbox-client";

    public const string MicrosoftScope = "openid profile email offline_access https://graph.microsoft.com/User.Read https://graph.microsoft.com/Mail.Read https://graph.microsoft.com/Calendars.Read";

    public const string GoogleScope = "openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/gmail.readonly https://www.googleapis.com/auth/calendar.readonly";

    public static IssuedTokens Issue(HttpContext http, Mailbox mailbox, IssueTokensRequest? request, TokenStore tokens, IdTokenWriter idTokens)
    {
        var identity = mailbox.Identity;
        var microsoft = identity.Provider == SandboxProvider.Microsoft;
        var clientId = string.IsNullOrWhiteSpace(request?.ClientId) ? DefaultClientId : request.ClientId;
        var scope = string.IsNullOrWhiteSpace(request?.Scope) ? microsoft ? MicrosoftScope : GoogleScope : request.Scope;
        var pair = tokens.Issue(identity.Provider, identity.Email, clientId, scope, withRefreshToken: true);
        if (!microsoft)
        {
            tokens.RecordConsent(identity.Provider, clientId, identity.Email);
        }

        var idToken = microsoft
            ? idTokens.Write(MicrosoftIdToken.Claims(http, identity, clientId, null, tokens.Now))
            : idTokens.Write(GoogleIdToken.Claims(identity, clientId, null, tokens.Now));
        return new IssuedTokens(pair.Access.Token, pair.Refresh?.Token, pair.ExpiresIn, scope, idToken);
    }
}
