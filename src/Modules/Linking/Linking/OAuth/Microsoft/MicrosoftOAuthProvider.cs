using Microsoft.Extensions.Options;
using NavusoftSync.Linking.Contracts;

namespace NavusoftSync.Linking.OAuth.Microsoft;

/// <summary>Microsoft identity platform v2: the typed token client, and Graph <c>/me</c> for the account.</summary>
internal sealed class MicrosoftOAuthProvider(MicrosoftIdentityClient identity, MicrosoftGraphProfileClient graph, IOptions<MicrosoftOptions> options) : IOAuthProvider
{
    public string Id => LinkProviders.Microsoft;

    public bool IsConfigured => options.Value.IsConfigured;

    public Uri BuildAuthorizationUrl(AuthorizationRequest request) => identity.AuthorizationUrl(request);

    public Task<TokenGrant> RedeemCodeAsync(string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken) =>
        identity.RedeemCodeAsync(code, codeVerifier, redirectUri, cancellationToken);

    public Task<ExternalAccount> ReadAccountAsync(TokenGrant grant, CancellationToken cancellationToken) =>
        graph.GetMeAsync(grant.AccessToken, cancellationToken);

    public Task<TokenGrant> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        identity.RefreshAsync(refreshToken, cancellationToken);
}
