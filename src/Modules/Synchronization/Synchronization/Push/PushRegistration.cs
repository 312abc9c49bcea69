using System.Text.Json.Serialization;

namespace NavusoftSync.Synchronization.Push;

/// <summary>What a push registration watches at the provider.</summary>
internal enum PushResource
{
    /// <summary>A Graph subscription on the inbox's messages.</summary>
    GraphInbox,

    /// <summary>A Graph subscription on the sent items' messages.</summary>
    GraphSent,

    /// <summary>A Graph subscription on the user's events.</summary>
    GraphEvents,

    /// <summary>A Gmail <c>users.watch</c> on the mailbox (notifications through Cloud Pub/Sub).</summary>
    GmailMailbox,

    /// <summary>A Google Calendar <c>events.watch</c> channel on the primary calendar.</summary>
    GoogleCalendar,
}

/// <summary>
/// One subscription, watch or channel of a link at its provider (tenant-scoped, keyed by the provider's id: the Graph
/// subscription id, the Calendar channel id, <c>gmail:{linkId}</c> for a Gmail watch). The secret the provider echoes
/// back (Graph <c>clientState</c>, the channel token) is stored only protected (<see cref="PushSecrets"/>).
/// </summary>
/// <param name="ResourceId">The provider's resource id where stopping needs it (a Calendar channel's <c>resourceId</c>).</param>
/// <param name="RenewRequested">The provider asked for a renewal (Graph <c>reauthorizationRequired</c>).</param>
/// <param name="Gone">The provider removed it (Graph <c>subscriptionRemoved</c>) or it could not be renewed: the link's registrations are made again.</param>
/// <param name="Orphaned">
/// The link lost its grant while this was live: nothing routes to it any more, and it is deleted at the provider the next
/// time the link has a token (it expires there on its own otherwise).
/// </param>
internal sealed record PushRegistration(
    string Id,
    string LinkId,
    string Provider,
    PushResource Resource,
    string? ProtectedSecret,
    string? ResourceId,
    DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RenewedAt = null,
    bool RenewRequested = false,
    bool Gone = false,
    bool Orphaned = false)
{
    [JsonIgnore]
    public bool IsLive => !Gone && !Orphaned;
}
