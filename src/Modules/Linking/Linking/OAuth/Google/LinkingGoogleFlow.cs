using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Flows;
using Google.Apis.Auth.OAuth2.Requests;
using Google.Apis.Auth.OAuth2.Responses;

namespace NavusoftSync.Linking.OAuth.Google;

/// <summary>
/// Google.Apis.Auth's authorization code flow pointed at the configured URLs (through the
/// initializer's protected constructor) and with <b>no <c>IDataStore</c></b>: the library deletes
/// the stored token from its data store on any non-5xx token error, so our refresh token lives in
/// the module's encrypted credentials document instead, and the flow only ever sees it per call.
/// </summary>
internal sealed class LinkingGoogleFlow(LinkingGoogleFlow.ConfiguredInitializer initializer) : GoogleAuthorizationCodeFlow(initializer)
{
    /// <summary>Google.Apis.Auth keys its data store by a user id; with no data store it is only a label.</summary>
    private const string UserKey = "navusoftsync-link";

    /// <summary>The code exchange, with the PKCE verifier (the public <c>ExchangeCodeForTokenAsync</c> overload cannot send one).</summary>
    public Task<TokenResponse> ExchangeAsync(string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken) =>
        ExchangeCodeForTokenAsync(
            UserKey,
            new AuthorizationCodeTokenRequest { Code = code, CodeVerifier = codeVerifier, RedirectUri = redirectUri, Scope = string.Join(' ', Scopes) },
            cancellationToken);

    public Task<TokenResponse> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        RefreshTokenAsync(UserKey, refreshToken, cancellationToken);

    internal sealed class ConfiguredInitializer(GoogleOptions options, global::Google.Apis.Http.IHttpClientFactory httpClientFactory)
        : Initializer(options.AuthorizeUrl, options.TokenUrl, options.RevokeUrl)
    {
        public ConfiguredInitializer Configure()
        {
            ClientSecrets = new ClientSecrets { ClientId = options.ClientId, ClientSecret = options.ClientSecret };
            Scopes = GoogleOptions.Scopes;
            Prompt = "consent";
            HttpClientFactory = httpClientFactory;
            DataStore = null;
            return this;
        }
    }
}
