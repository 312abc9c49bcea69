namespace NavusoftSync.Linking.Credentials;

/// <summary>
/// A link's tokens, kept apart from its events (which are forever and go to other modules). The
/// tokens are one Data Protection payload (<see cref="SecretProtector"/>) bound to the tenant and
/// the link, so the row is useless anywhere else; only the access token's expiry is in clear.
/// Deleted when the link is unlinked or its grant dies.
/// </summary>
public sealed record LinkCredentials(string Id, string Provider, string ProtectedTokens, DateTimeOffset AccessTokenExpiresAt, DateTimeOffset UpdatedAt)
{
    public override string ToString() => $"LinkCredentials {{ Id = {Id}, Provider = {Provider}, AccessTokenExpiresAt = {AccessTokenExpiresAt} }}";
}

/// <summary>The decrypted tokens of a link. Never printed: <see cref="ToString"/> hides them.</summary>
internal sealed record TokenSet(string AccessToken, string? RefreshToken)
{
    public override string ToString() => $"TokenSet {{ RefreshToken = {(RefreshToken is null ? "none" : "***")} }}";
}
