using Mediator;

namespace NavusoftSync.Synchronization.Contracts;

/// <summary>
/// The run underway of links of the current tenant, with what it has committed so far: what <c>GET /api/me/links</c> shows
/// as <c>progress</c>. Only links with a run underway are answered (in the order asked); at most <see cref="MaxLinkIds"/>
/// ids per query.
/// </summary>
public sealed record GetLinkSyncProgress(IReadOnlyList<string> LinkIds) : IQuery<IReadOnlyList<LinkSyncProgressState>>
{
    public const int MaxLinkIds = 500;
}

/// <summary>One link's run underway.</summary>
/// <param name="Trigger">What set the run going, as the runs of a link show it (<c>link</c>, <c>schedule</c>, <c>push</c>, <c>manual</c>, <c>lookback</c>, <c>check</c>).</param>
/// <param name="Scanned">Items of the provider's pages the run has committed so far, mail and calendar together.</param>
/// <param name="Recorded">Of those, the items new in the mailbox or calendar, committed so far.</param>
public sealed record LinkSyncProgressState(string LinkId, string RunId, DateTimeOffset StartedAt, string Trigger, int Scanned, int Recorded);
