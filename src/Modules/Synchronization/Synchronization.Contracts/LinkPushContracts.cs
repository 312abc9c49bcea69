using Mediator;

namespace NavusoftSync.Synchronization.Contracts;

/// <summary>
/// The push health of links of the current tenant, one answer per distinct id in the order asked: what
/// <c>GET /api/me/links</c> shows as <c>push</c>. A link this module keeps no push for (a new link, another tenant's,
/// an id that names nothing) is <c>Off</c> with no times. At most <see cref="MaxLinkIds"/> ids per query.
/// </summary>
public sealed record GetLinkPush(IReadOnlyList<string> LinkIds) : IQuery<IReadOnlyList<LinkPushState>>
{
    public const int MaxLinkIds = 500;
}

/// <summary>One link's push health.</summary>
/// <param name="Status"><c>Active</c>, <c>Renewing</c>, <c>Failed</c> or <c>Off</c> (CONTRACT.md).</param>
/// <param name="ExpiresAt">The soonest expiry of the link's registrations at its provider, while push is <c>Active</c>.</param>
/// <param name="LastNotificationAt">When the link last received a valid change notification.</param>
public sealed record LinkPushState(string LinkId, string Status, DateTimeOffset? ExpiresAt, DateTimeOffset? LastNotificationAt);

/// <summary>
/// Deletes every push registration (subscription, watch, channel) of a link of the current tenant at its provider and
/// forgets them; push is <c>Off</c>. Sent while the link still has its grant (at unlink, before the credentials go).
/// Waits a bounded time for the provider; a registration it could not delete stays, orphaned, to expire there. It
/// commits in its own sessions, never the caller's unit of work, and throws nothing for a provider's failure.
/// </summary>
public sealed record StopLinkPush(string LinkId) : ICommand;
