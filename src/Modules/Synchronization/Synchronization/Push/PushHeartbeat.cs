namespace NavusoftSync.Synchronization.Push;

/// <summary>
/// When a link last received a valid change notification (tenant-scoped, keyed by link id). Written only by the
/// webhooks, apart from the link's registrations, so a notification never races the upkeep job for one document.
/// </summary>
internal sealed record PushHeartbeat(string Id, DateTimeOffset LastNotificationAt);
