using Carter;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;

namespace NavusoftSync.Linking.Links.Listing;

/// <summary>One link as CONTRACT.md shows it; <c>itemsSkipped</c> counts the items its runs skipped, over all runs.</summary>
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
    long ItemsSkipped)
{
    internal static LinkResponse From(Link link, LinkSyncActivity? activity)
    {
        var sync = activity ?? LinkSyncActivity.None(link.Id);
        return new(link.Id, link.Provider, link.ExternalAccount, LinkStatus.Of(link, activity), link.LinkedAt, sync.LastSyncAt, sync.LastSyncError, sync.EmailsSynced, sync.AppointmentsSynced, sync.ItemsSkipped);
    }
}

/// <summary><c>GET /api/me/links</c>: the caller's links (unlinked ones included, with status <c>Unlinked</c>), oldest first.</summary>
public sealed class MyLinksEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/me/links", ListAsync).WithTags("Linking").WithName("ListMyLinks").RequireAuthorization();

    private static async Task<Ok<IReadOnlyList<LinkResponse>>> ListAsync(IQuerySession session, ICurrentUser user, CancellationToken ct)
    {
        var links = await session.Query<Link>().Where(l => l.UserId == user.UserId).ToListAsync(ct);
        var activities = links.Count == 0
            ? new Dictionary<string, LinkSyncActivity>()
            : (await session.LoadManyAsync<LinkSyncActivity>(ct, links.Select(l => l.Id))).ToDictionary(a => a.Id, StringComparer.Ordinal);
        return TypedResults.Ok<IReadOnlyList<LinkResponse>>(
            [.. links.OrderBy(l => l.LinkedAt).ThenBy(l => l.Id, StringComparer.Ordinal).Select(l => LinkResponse.From(l, activities.GetValueOrDefault(l.Id)))]);
    }
}
