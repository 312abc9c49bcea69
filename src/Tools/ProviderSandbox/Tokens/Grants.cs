using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.Tokens;

/// <summary>An authorization code waiting to be redeemed (single use).</summary>
internal sealed record AuthorizationCode(
    string Code,
    SandboxProvider Provider,
    string Email,
    string ClientId,
    string RedirectUri,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    string Scope,
    string? Nonce,
    bool IssueRefreshToken,
    DateTimeOffset ExpiresAt);

/// <summary>An opaque bearer token and the mailbox it opens.</summary>
internal sealed record AccessGrant(string Token, SandboxProvider Provider, string Email, string ClientId, string Scope, DateTimeOffset ExpiresAt);

internal sealed record RefreshGrant(string Token, SandboxProvider Provider, string Email, string ClientId, string Scope);

internal sealed record TokenPair(AccessGrant Access, RefreshGrant? Refresh, int ExpiresIn);

internal enum CodeFailure
{
    None,
    Unknown,
    AlreadyRedeemed,
    Expired,
}

internal enum AuthFailure
{
    None,
    Missing,
    Invalid,
    Expired,
}
