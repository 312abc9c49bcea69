namespace NavusoftSync.Linking.Links.Starting;

/// <summary>
/// A started link request waiting for the provider's redirect. Keyed by the SHA-256 of the OAuth
/// state (the state itself is never stored), in the tenant that issued it, bound to the user and
/// the provider; it expires after <see cref="Lifetime"/> and is consumed once (optimistic
/// concurrency: of two callbacks racing with the same state, one commits and the other fails).
/// The PKCE verifier is stored encrypted with Data Protection. <see cref="BrowserBindingHash"/> is the
/// SHA-256 of the browser binding cookie set for this request (<see cref="LinkRequestCookie"/>);
/// null for a request stored before browsers were bound, which completes only with the user's token.
/// </summary>
public sealed record PendingAuthorization(
    string Id,
    string LinkRequestId,
    string TenantId,
    string UserId,
    string Provider,
    string ProtectedCodeVerifier,
    string RedirectUri,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? ConsumedAt,
    string? BrowserBindingHash)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>A user's link requests open at once; starting one more cancels the oldest (and so bounds the browser's cookies).</summary>
    public const int MaxOpenPerUser = 5;

    public override string ToString() => $"PendingAuthorization {{ LinkRequestId = {LinkRequestId}, Provider = {Provider}, ExpiresAt = {ExpiresAt} }}";
}
