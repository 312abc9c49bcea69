namespace NavusoftSync.Synchronization.Push;

/// <summary>
/// The one lookup that is not tenant-scoped: a provider's notification names no tenant, only its subscription id,
/// channel id or mailbox address (<see cref="Key"/>). A route says which tenant's link that is, and nothing else: no
/// secret, no address beyond the key, no content. Everything after the lookup (the secret check, the wake-up) runs in
/// that tenant's own session. Keyed by <c>{Key}|{TenantId}|{LinkId}</c>; a Gmail address linked in several tenants has
/// one route each.
/// </summary>
internal sealed record PushRoute(string Id, string Key, string TenantId, string LinkId)
{
    public static PushRoute For(string key, string tenantId, string linkId) => new($"{key}|{tenantId}|{linkId}", key, tenantId, linkId);

    /// <summary>The key of a Graph subscription's notifications.</summary>
    public static string GraphKey(string subscriptionId) => $"graph:{subscriptionId}";

    /// <summary>The key of a Google Calendar channel's notifications.</summary>
    public static string CalendarKey(string channelId) => $"calendar:{channelId}";

    /// <summary>The key of a Gmail mailbox's Pub/Sub notifications (the address, lower case).</summary>
    public static string GmailKey(string address) => $"gmail:{address.Trim().ToLowerInvariant()}";
}
