namespace NavusoftSync.Linking.OAuth;

/// <summary>One provider's OAuth 2.0 authorization code flow (with PKCE) and the account lookup after it.</summary>
internal interface IOAuthProvider
{
    string Id { get; }

    /// <summary>Whether a client id and secret are configured.</summary>
    bool IsConfigured { get; }

    Uri BuildAuthorizationUrl(AuthorizationRequest request);

    /// <exception cref="OAuthTokenException">The provider refused the code or could not be reached.</exception>
    Task<TokenGrant> RedeemCodeAsync(string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken);

    /// <summary>The external account the grant belongs to (id_token or the provider's profile call).</summary>
    Task<ExternalAccount> ReadAccountAsync(TokenGrant grant, CancellationToken cancellationToken);

    /// <exception cref="OAuthTokenException">The provider refused the refresh token or could not be reached.</exception>
    Task<TokenGrant> RefreshAsync(string refreshToken, CancellationToken cancellationToken);
}

internal sealed class OAuthProviders(IEnumerable<IOAuthProvider> providers)
{
    private readonly Dictionary<string, IOAuthProvider> _byId = providers.ToDictionary(p => p.Id, StringComparer.Ordinal);

    public IOAuthProvider Get(string id) =>
        _byId.TryGetValue(id, out var provider) ? provider : throw new InvalidOperationException($"No OAuth client for provider '{id}'.");
}
