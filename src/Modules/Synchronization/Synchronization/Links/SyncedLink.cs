namespace NavusoftSync.Synchronization.Links;

/// <summary>
/// What this module knows of a link, kept from the Linking module's integration events: whose
/// mailbox it is and whether it may be synced. Keyed by link id (per tenant).
/// </summary>
internal sealed record SyncedLink(string Id, string UserId, string Provider, string Address, bool Active, DateTimeOffset UpdatedAt);
