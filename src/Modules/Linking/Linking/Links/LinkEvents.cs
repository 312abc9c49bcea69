namespace NavusoftSync.Linking.Links;

/// <summary>A user linked an external account for the first time. Tokens are never part of an event.</summary>
public sealed record Linked(
    string LinkId, string UserId, string Provider, string ExternalAccountId, string ExternalAccount, string? DisplayName, string? GrantedScopes, DateTimeOffset At);

/// <summary>The same user linked the same external account again (after an unlink, a lost consent, or simply again).</summary>
public sealed record Relinked(
    string LinkId, string UserId, string Provider, string ExternalAccountId, string ExternalAccount, string? GrantedScopes, DateTimeOffset At);

/// <summary>The provider refused the stored grant: syncing stops until the user links again.</summary>
public sealed record ReauthRequired(string LinkId, string UserId, string Provider, string Reason, DateTimeOffset At);

/// <summary>The user unlinked the account; its credentials were deleted in the same transaction.</summary>
public sealed record Unlinked(string LinkId, string UserId, string Provider, DateTimeOffset At);

/// <summary>The user asked for a sync now.</summary>
public sealed record SyncRequested(string LinkId, string UserId, string Provider, DateTimeOffset At);
