using Mediator;

namespace NavusoftSync.Linking.Contracts;

/// <summary>
/// A usable access token for a link of the current tenant, refreshed first when it expires within
/// two minutes. Concurrent callers for one link cause one call to the provider, across all host
/// instances. Pass <paramref name="RejectedAccessToken"/> when the provider answered 401 to that token
/// (it was revoked or expired early): it is then refreshed even though it looks valid, once for all
/// callers that saw it rejected.
/// </summary>
/// <remarks>
/// The outcome says what to do: <see cref="AccessTokenOutcome.Granted"/> use the token;
/// <see cref="AccessTokenOutcome.ReauthRequired"/> and <see cref="AccessTokenOutcome.Unlinked"/>
/// stop syncing the link (the user must link again); <see cref="AccessTokenOutcome.Unavailable"/>
/// the provider could not be reached, try again later. A refreshed token is committed by the
/// Linking module itself before the answer, independently of the caller's unit of work, so a
/// rotated refresh token is never lost when the caller's own work fails.
/// </remarks>
public sealed record GetAccessToken(string LinkId, string? RejectedAccessToken = null) : IQuery<AccessTokenResult>
{
    public override string ToString() => $"GetAccessToken {{ LinkId = {LinkId}, RejectedAccessToken = {(RejectedAccessToken is null ? "null" : "***")} }}";
}

public enum AccessTokenOutcome
{
    Granted,
    ReauthRequired,
    Unlinked,
    Unavailable,
}

/// <param name="Outcome">What the caller should do.</param>
/// <param name="AccessToken">The bearer token, only when <see cref="AccessTokenOutcome.Granted"/>.</param>
/// <param name="ExpiresAt">When the token expires, only when granted.</param>
/// <param name="Provider">The link's provider (<see cref="LinkProviders"/>), when the link exists.</param>
/// <param name="ExternalAccount">The linked mailbox address, when the link exists.</param>
/// <param name="Reason">Why no token was granted.</param>
public sealed record AccessTokenResult(
    AccessTokenOutcome Outcome, string? AccessToken, DateTimeOffset? ExpiresAt, string? Provider, string? ExternalAccount, string? Reason)
{
    public bool IsGranted => Outcome == AccessTokenOutcome.Granted;

    /// <summary>Never prints the token (records print every member by default).</summary>
    public override string ToString() =>
        $"AccessTokenResult {{ Outcome = {Outcome}, AccessToken = {(AccessToken is null ? "null" : "***")}, ExpiresAt = {ExpiresAt}, Provider = {Provider}, Reason = {Reason} }}";
}
