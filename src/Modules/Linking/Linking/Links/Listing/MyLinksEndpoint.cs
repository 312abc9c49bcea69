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
/// what the person must do when the link needs re-authorization (a refused grant, a refused app password), null otherwise;
/// <c>progress</c> is the run underway with what it has committed so far (<see cref="GetLinkSyncProgress"/>), null when none is.
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
    string? ReauthReason,
    LinkProgressResponse? Progress)
{
    internal static LinkResponse From(
        Link link, LinkSyncActivity? activity, LinkPushState? push, LinkCompletenessState? completeness, LinkSyncProgressState? progress)
    {
        var sync = activity ?? LinkSyncActivity.None(link.Id);
        return new(
            link.Id, link.Provider, link.ExternalAccount, LinkStatus.Of(link, activity), link.LinkedAt, sync.LastSyncAt, sync.LastSyncError, sync.EmailsSynced,
            sync.AppointmentsSynced, sync.ItemsSkipped, LinkPushResponse.From(push), LinkCompletenessResponse.From(completeness),
            link.State == LinkState.ReauthRequired ? link.ReauthReason : null, LinkProgressResponse.From(link, progress));
    }
}

/// <summary>
/// <c>progress</c> of a link: the run underway (its id, start and trigger as the runs of a link show them) and the items
/// it has committed so far, page by page, mail and calendar together: <c>scanned</c> read from the provider,
/// <c>recorded</c> of them new. Null for a link that is not active (its last run may still be ending).
/// </summary>
public sealed record LinkProgressResponse(string RunId, DateTimeOffset StartedAt, string Trigger, int Scanned, int Recorded)
{
    internal static LinkProgressResponse? From(Link link, LinkSyncProgressState? progress) =>
        progress is null || link.State != LinkState.Active ? null : new(progress.RunId, progress.StartedAt, progress.Trigger, progress.Scanned, progress.Recorded);
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
/// <c>GET /api/me/links</c>: the caller's links (unlinked ones included, with status <c>Unlinked</c>), oldest first, as
/// <see cref="LinkResponses"/> assembles them.
/// </summary>
public sealed class MyLinksEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/me/links", ListAsync).WithTags("Linking").WithName("ListMyLinks").RequireAuthorization();

    private static async Task<Ok<IReadOnlyList<LinkResponse>>> ListAsync(IQuerySession session, ISender sender, ICurrentUser user, CancellationToken ct)
    {
        var links = await session.Query<Link>().Where(l => l.UserId == user.UserId).ToListAsync(ct);
        var ordered = links.OrderBy(l => l.LinkedAt).ThenBy(l => l.Id, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(await LinkResponses.ForAsync(session, sender, ordered, ct));
    }
}
