using System.Globalization;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.State.Messages;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph.Subscriptions;

/// <summary>A Graph change-notification subscription, owned by one mailbox and the app (client id) that created it.</summary>
internal sealed record GraphSubscription
{
    public const string TlsVersion = "v1_2";

    public required string Id { get; init; }

    public required string Mailbox { get; init; }

    public required string ClientId { get; init; }

    /// <summary>The resource as the client wrote it.</summary>
    public required string Resource { get; init; }

    public required GraphSubscriptionTarget Target { get; init; }

    /// <summary>The comma list as the client wrote it.</summary>
    public required string ChangeType { get; init; }

    public required string NotificationUrl { get; init; }

    public string? LifecycleNotificationUrl { get; init; }

    public string? ClientState { get; init; }

    public required DateTimeOffset ExpirationDateTime { get; init; }

    /// <summary>The user's object id (Graph's <c>creatorId</c>, and the <c>Users/{id}</c> of notification resources).</summary>
    public required string UserId { get; init; }

    public required string TenantId { get; init; }

    public string ExpirationText => FormatInstant(ExpirationDateTime);

    public bool Includes(string changeType) =>
        ChangeType.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(changeType, StringComparer.OrdinalIgnoreCase);

    public static string FormatInstant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["resource"] = Resource,
        ["applicationId"] = ClientId,
        ["changeType"] = ChangeType,
        ["clientState"] = ClientState,
        ["notificationUrl"] = NotificationUrl,
        ["notificationQueryOptions"] = null,
        ["lifecycleNotificationUrl"] = LifecycleNotificationUrl,
        ["expirationDateTime"] = ExpirationText,
        ["creatorId"] = UserId,
        ["includeResourceData"] = null,
        ["latestSupportedTlsVersion"] = TlsVersion,
        ["encryptionCertificate"] = null,
        ["encryptionCertificateId"] = null,
        ["notificationUrlAppId"] = null,
    };
}

/// <summary>What a subscription watches: the events, one mail folder, or every message (<see cref="Folder"/> null).</summary>
internal sealed record GraphSubscriptionTarget(bool Events, MailFolder? Folder)
{
    public bool Covers(GraphItemChange change) =>
        change.IsEvent ? Events : !Events && (Folder is null || Folder == change.Folder);
}

/// <summary>A message or event created, updated or deleted in one mailbox mutation.</summary>
internal sealed record GraphItemChange(string ChangeType, string Id, bool IsEvent, MailFolder? Folder, long Version);
