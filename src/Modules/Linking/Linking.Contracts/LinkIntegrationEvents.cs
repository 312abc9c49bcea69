using NavusoftSync.BuildingBlocks.Contracts.Integration;

namespace NavusoftSync.Linking.Contracts;

/// <summary>
/// A user linked an external account (or linked it again after an unlink or a lost consent): the
/// link has fresh credentials and its first sync should start at once. A re-link keeps the link id,
/// so sync cursors and history keyed by it carry on.
/// </summary>
public sealed record LinkEstablished(string LinkId, string UserId, string Provider, string ExternalAccount, bool Relinked) : IIntegrationEvent;

/// <summary>The user unlinked the account: stop syncing it; its credentials are already deleted.</summary>
public sealed record LinkUnlinked(string LinkId, string UserId, string Provider) : IIntegrationEvent;

/// <summary>The provider refused the stored grant (revoked, expired, password changed): stop syncing until the user links again.</summary>
public sealed record LinkReauthRequired(string LinkId, string UserId, string Provider, string Reason) : IIntegrationEvent;

/// <summary>The user asked for a sync now (<c>POST /api/me/links/{linkId}/sync</c>).</summary>
public sealed record LinkSyncRequested(string LinkId, string UserId, string Provider) : IIntegrationEvent;
