namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>
/// The push state of the sandbox (<c>GET /_sandbox/push/state</c>): live (unexpired) Graph subscriptions, Gmail watches and
/// Calendar channels, and every outbound delivery attempt in order.
/// </summary>
public sealed record PushStateSnapshot
{
    public IReadOnlyList<GraphSubscriptionInfo> GraphSubscriptions { get; init; } = [];

    public IReadOnlyList<GmailWatchInfo> GmailWatches { get; init; } = [];

    public IReadOnlyList<CalendarChannelInfo> CalendarChannels { get; init; } = [];

    public IReadOnlyList<PushDeliveryRecord> Deliveries { get; init; } = [];
}

/// <summary>A live Graph subscription as the control API shows it (clientState included: this is a test aid).</summary>
public sealed record GraphSubscriptionInfo(
    string Id,
    string Mailbox,
    string ClientId,
    string Resource,
    string ChangeType,
    string NotificationUrl,
    string? LifecycleNotificationUrl,
    string? ClientState,
    DateTimeOffset ExpirationDateTime);

/// <summary>A live Gmail watch: the topic it publishes to, the historyId <c>users.watch</c> answered, its expiry.</summary>
public sealed record GmailWatchInfo(string Mailbox, string TopicName, long HistoryId, DateTimeOffset Expiration);

/// <summary>A live Google Calendar channel.</summary>
public sealed record CalendarChannelInfo(
    string Id,
    string ResourceId,
    string Mailbox,
    string CalendarId,
    string Address,
    string? Token,
    DateTimeOffset Expiration);

/// <summary>Body of <c>POST /_sandbox/push/lifecycle</c>.</summary>
public sealed record GraphLifecycleRequest(string SubscriptionId, GraphLifecycleEvent LifecycleEvent);

/// <summary>Body of <c>POST /_sandbox/push/expire</c>: a Graph subscription id, a Calendar channel id, or a mailbox address (its Gmail watch).</summary>
public sealed record PushExpireRequest(string Id);

/// <summary>Answer of <c>POST /_sandbox/pubsub/rotate-key</c>: the kid that signs from now on.</summary>
public sealed record PubSubKeyRotated(string Kid);
