using System.Text.Json.Serialization;

namespace NavusoftSync.Synchronization.Push;

/// <summary>The push status values of CONTRACT.md (<c>push.status</c> in <c>GET /api/me/links</c>).</summary>
internal enum PushStatus
{
    /// <summary>Push is off: not configured, switched off, or the link is not active.</summary>
    Off,

    /// <summary>Every registration the provider needs is live; the link is polled at the fallback interval.</summary>
    Active,

    /// <summary>The upkeep is renewing or making registrations again right now.</summary>
    Renewing,

    /// <summary>Making or renewing a registration failed, or notifications stopped arriving; the link is polled at the normal interval.</summary>
    Failed,
}

/// <summary>
/// A link's push health (tenant-scoped, keyed by link id), written only by its upkeep (<see cref="LinkPushUpkeep"/>) and
/// by the poll that finds push silent. <see cref="ExpiresAt"/> is the soonest expiry of its live registrations.
/// </summary>
internal sealed record LinkPush(string Id, PushStatus Status, DateTimeOffset? ExpiresAt, string? LastError, DateTimeOffset UpdatedAt)
{
    public static LinkPush Off(string linkId, DateTimeOffset at) => new(linkId, PushStatus.Off, null, null, at);

    /// <summary>Whether the link may be polled at the fallback interval.</summary>
    [JsonIgnore]
    public bool IsHealthy => Status == PushStatus.Active;
}
