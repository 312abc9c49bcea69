using Google.Apis.Auth.OAuth2.Requests;
using Google.Apis.Auth.OAuth2.Responses;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using NavusoftSync.Linking.Contracts;

namespace NavusoftSync.Linking.OAuth.Google;

/// <summary>
/// Google through Google.Apis.Auth's <see cref="LinkingGoogleFlow"/>: <c>access_type=offline</c>
/// and <c>prompt=consent</c> (so every consent returns a refresh token), PKCE S256, and the
/// account from the id_token (<c>openid email</c>). Google does not rotate refresh tokens; the
/// library keeps the one it was given when the answer has none.
/// </summary>
internal sealed class GoogleOAuthProvider(IOptions<GoogleOptions> options, IHttpMessageHandlerFactory handlers, TimeProvider clock) : IOAuthProvider
{
    private static readonly TimeSpan TokenCallTimeout = TimeSpan.FromSeconds(30);

    public string Id => LinkProviders.Google;

    public bool IsConfigured => options.Value.IsConfigured;

    public Uri BuildAuthorizationUrl(AuthorizationRequest request)
    {
        using var flow = CreateFlow();
        var url = (GoogleAuthorizationCodeRequestUrl)flow.CreateAuthorizationCodeRequest(request.RedirectUri);
        url.State = request.State;
        url.CodeChallenge = request.CodeChallenge;
        url.CodeChallengeMethod = Pkce.Method;
        url.AccessType = "offline";
        url.Prompt = "consent";
        url.LoginHint = string.IsNullOrWhiteSpace(request.LoginHint) ? null : request.LoginHint;
        return url.Build();
    }

    public Task<TokenGrant> RedeemCodeAsync(string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken) =>
        CallAsync(flow => flow.ExchangeAsync(code, codeVerifier, redirectUri, cancellationToken), cancellationToken);

    public Task<ExternalAccount> ReadAccountAsync(TokenGrant grant, CancellationToken cancellationToken) =>
        Task.FromResult(IdTokenClaims.ReadAccount(grant.IdToken, options.Value.ClientId ?? string.Empty, Id));

    public Task<TokenGrant> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        CallAsync(flow => flow.RefreshAsync(refreshToken, cancellationToken), cancellationToken);

    private async Task<TokenGrant> CallAsync(Func<LinkingGoogleFlow, Task<TokenResponse>> call, CancellationToken cancellationToken)
    {
        using var flow = CreateFlow();
        TokenResponse token;
        try
        {
            token = await call(flow);
        }
        catch (TokenResponseException e)
        {
            throw new OAuthTokenException(Id, e.StatusCode, e.Error?.Error ?? "invalid_response", e.Error?.ErrorDescription, inner: e);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new OAuthTokenException(Id, null, "unavailable", "The token endpoint could not be reached.", inner: e);
        }

        if (string.IsNullOrEmpty(token.AccessToken))
        {
            throw new OAuthTokenException(Id, null, "invalid_response", "The token answer has no access_token.");
        }

        return new TokenGrant(token.AccessToken, token.RefreshToken, TimeSpan.FromSeconds(token.ExpiresInSeconds ?? 3600), token.Scope, token.IdToken);
    }

    private LinkingGoogleFlow CreateFlow()
    {
        var flow = new LinkingGoogleFlow(new LinkingGoogleFlow.ConfiguredInitializer(options.Value, new MessageHandlerFactoryAdapter(handlers))
        {
            Clock = new GoogleClock(clock),
        }.Configure());
        flow.HttpClient.Timeout = TokenCallTimeout;
        return flow;
    }

    /// <summary>Google.Apis' clock (token issue times) read from the module's <see cref="TimeProvider"/>.</summary>
    private sealed class GoogleClock(TimeProvider clock) : global::Google.Apis.Util.IClock
    {
        public DateTime Now => clock.GetLocalNow().DateTime;

        public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;
    }
}
