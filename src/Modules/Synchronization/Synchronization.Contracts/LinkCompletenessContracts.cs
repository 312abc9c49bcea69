using Mediator;

namespace NavusoftSync.Synchronization.Contracts;

/// <summary>
/// The last completeness check of links of the current tenant: what <c>GET /api/me/links</c> shows as <c>completeness</c>.
/// Only links that were checked are answered (in the order asked); at most <see cref="MaxLinkIds"/> ids per query.
/// </summary>
public sealed record GetLinkCompleteness(IReadOnlyList<string> LinkIds) : IQuery<IReadOnlyList<LinkCompletenessState>>
{
    public const int MaxLinkIds = 500;
}

/// <summary>One link's last completeness check.</summary>
/// <param name="Expected">Items of the checked window the provider has that involve the tenant's contacts and qualify to be stored.</param>
/// <param name="Present">Of those, the items the link had already stored.</param>
/// <param name="Repaired">Of those, the items the check recorded (missing until then).</param>
public sealed record LinkCompletenessState(string LinkId, DateTimeOffset CheckedAt, int Expected, int Present, int Repaired);

/// <summary>
/// Run the completeness check of a link of the current tenant soon (<c>POST /api/me/links/{linkId}/check</c>); nothing for a
/// link that is not active. The caller has made sure the link is the user's.
/// </summary>
public sealed record RequestLinkCheck(string LinkId) : ICommand;
