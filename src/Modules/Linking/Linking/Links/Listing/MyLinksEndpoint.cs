using Carter;
using Marten;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;
using NavusoftSync.Synchronization.Contracts;

namespace NavusoftSync.Linking.Links.Listing;

/// <summary>
/// One link as CONTRACT.md shows it; <c>itemsSkipped</c> counts the items its runs skipped, over all runs; <c>push</c> is
/// its provider push health as the Synchronization module keeps it (<see cref="GetLinkPush"/>); <c>completeness</c> is its
/// last completeness check (<see cref="GetLinkCompleteness"/>), null before the first; <c>reauthReason</c> is the sentence saying
/// what the person must do when the link needs re-authorization (a refused grant, a refused app password), null otherwise.
/// </summary>
public sealed record LinkResponse(
    string LinkId,
    string Provider,
    string ExternalAccount,
    string Status,
    DateTimeOffset LinkedAt,
    DateTimeOffset? LastSyncAt,
    string? LastSyncError,
    long EmailsSynced,
    long AppointmentsSynced,
    long ItemsSkipped,
    LinkPushResponse Push,
    LinkCompletenessResponse? Completeness,
    string? ReauthReason)
{
    internal static LinkResponse From(Link link, LinkSyncActivity? activity, LinkPushState? push, LinkCompletenessState? completeness)
    {
        var sync = activity ?? LinkSyncActivity.None(link.Id);
        return new(
            link.Id, link.Provider, link.ExternalAccount, LinkStatus.Of(link, activity), link.LinkedAt, sync.LastSyncAt, sync.LastSyncError, sync.EmailsSynced,
            sync.AppointmentsSynced, sync.ItemsSkipped, LinkPushResponse.From(push), LinkCompletenessResponse.From(completeness),
            link.State == LinkState.ReauthRequired ? link.ReauthReason : null);
    }
}

/// <summary><c>completeness</c> of a link: when its last completeness check ran and what it counted.</summary>
public sealed record LinkCompletenessResponse(DateTimeOffset CheckedAt, int Expected, int Present, int Repaired)
{
    internal static LinkCompletenessResponse? From(LinkCompletenessState? state) =>
        state is null ? null : new(state.CheckedAt, state.Expected, state.Present, state.Repaired);
}

/// <summary><c>push</c> of a link: <c>status</c> is <c>Active</c>, <c>Renewing</c>, <c>Failed</c> or <c>Off</c>.</summary>
public sealed record LinkPushResponse(string Status, DateTimeOffset? ExpiresAt, DateTimeOffset? LastNotificationAt)
{
    public const string Off = "Off";

    /// <summary>A link the Synchronization module answered nothing for has push Off.</summary>
    internal static LinkPushResponse From(LinkPushState? push) =>
        push is null ? new(Off, null, null) : new(push.Status, push.ExpiresAt, push.LastNotificationAt);
}

/// <summary>
/// <c>GET /api/me/links</c>: the caller's links (unlinked ones included, with status <c>Unlinked</c>), oldest first. Their
/// push health comes from one <see cref="GetLinkPush"/> for all of them (one more per <see cref="GetLinkPush.MaxLinkIds"/>
/// links), never one per link; their completeness the same way (<see cref="GetLinkCompleteness"/>).
/// </summary>
public sealed class MyLinksEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/me/links", ListAsync).WithTags("Linking").WithName("ListMyLinks").RequireAuthorization();

    private static async Task<Ok<IReadOnlyList<LinkResponse>>> ListAsync(IQuerySession session, ISender sender, ICurrentUser user, CancellationToken ct)
    {
        var links = await session.Query<Link>().Where(l => l.UserId == user.UserId).ToListAsync(ct);
        if (links.Count == 0)
        {
            return TypedResults.Ok<IReadOnlyList<LinkResponse>>([]);
        }

        var ids = links.Select(l => l.Id).ToList();
        var activities = (await session.LoadManyAsync<LinkSyncActivity>(ct, ids)).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var pushes = await PushOfAsync(sender, ids, ct);
        var checks = await CompletenessOfAsync(sender, ids, ct);
        return TypedResults.Ok<IReadOnlyList<LinkResponse>>(
        [
            .. links.OrderBy(l => l.LinkedAt).ThenBy(l => l.Id, StringComparer.Ordinal)
                .Select(l => LinkResponse.From(l, activities.GetValueOrDefault(l.Id), pushes.GetValueOrDefault(l.Id), checks.GetValueOrDefault(l.Id))),
        ]);
    }

    private static async Task<Dictionary<string, LinkCompletenessState>> CompletenessOfAsync(ISender sender, List<string> linkIds, CancellationToken ct)
    {
        var checks = new Dictionary<string, LinkCompletenessState>(StringComparer.Ordinal);
        foreach (var chunk in linkIds.Chunk(GetLinkCompleteness.MaxLinkIds))
        {
            foreach (var check in await sender.Send(new GetLinkCompleteness(chunk), ct))
            {
                checks[check.LinkId] = check;
            }
        }

        return checks;
    }

    private static async Task<Dictionary<string, LinkPushState>> PushOfAsync(ISender sender, List<string> linkIds, CancellationToken ct)
    {
        var pushes = new Dictionary<string, LinkPushState>(StringComparer.Ordinal);
        foreach (var chunk in linkIds.Chunk(GetLinkPush.MaxLinkIds))
        {
            foreach (var push in await sender.Send(new GetLinkPush(chunk), ct))
            {
                pushes[push.LinkId] = push;
            }
        }

        return pushes;
    }
}
