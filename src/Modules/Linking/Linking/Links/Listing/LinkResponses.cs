using Marten;
using Mediator;
using NavusoftSync.Synchronization.Contracts;

namespace NavusoftSync.Linking.Links.Listing;

/// <summary>
/// The one assembler of links as CONTRACT.md shows them, for <c>GET /api/me/links</c> and <c>GET /api/admin/links</c>: each
/// link's sync activity in one load, and its push health, completeness and run progress from the Synchronization module in
/// one query each per <c>MaxLinkIds</c> links (<see cref="GetLinkPush"/>, <see cref="GetLinkCompleteness"/>,
/// <see cref="GetLinkSyncProgress"/>), never one query per link.
/// </summary>
internal static class LinkResponses
{
    /// <summary>The links' responses, in the order of <paramref name="links"/>.</summary>
    public static async Task<IReadOnlyList<LinkResponse>> ForAsync(IQuerySession session, ISender sender, IReadOnlyList<Link> links, CancellationToken ct)
    {
        if (links.Count == 0)
        {
            return [];
        }

        var ids = links.Select(l => l.Id).Distinct(StringComparer.Ordinal).ToList();
        var activities = (await session.LoadManyAsync<LinkSyncActivity>(ct, ids)).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var pushes = await InBatchesAsync(sender, ids, GetLinkPush.MaxLinkIds, chunk => new GetLinkPush(chunk), p => p.LinkId, ct);
        var checks = await InBatchesAsync(sender, ids, GetLinkCompleteness.MaxLinkIds, chunk => new GetLinkCompleteness(chunk), c => c.LinkId, ct);
        var progress = await InBatchesAsync(sender, ids, GetLinkSyncProgress.MaxLinkIds, chunk => new GetLinkSyncProgress(chunk), p => p.LinkId, ct);
        return
        [
            .. links.Select(l => LinkResponse.From(
                l, activities.GetValueOrDefault(l.Id), pushes.GetValueOrDefault(l.Id), checks.GetValueOrDefault(l.Id), progress.GetValueOrDefault(l.Id))),
        ];
    }

    /// <summary>One query per <paramref name="max"/> ids, the answers merged by link id.</summary>
    private static async Task<Dictionary<string, T>> InBatchesAsync<T>(
        ISender sender, List<string> ids, int max, Func<string[], IQuery<IReadOnlyList<T>>> query, Func<T, string> linkIdOf, CancellationToken ct)
    {
        var answers = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(max))
        {
            foreach (var answer in await sender.Send(query(chunk), ct))
            {
                answers[linkIdOf(answer)] = answer;
            }
        }

        return answers;
    }
}
