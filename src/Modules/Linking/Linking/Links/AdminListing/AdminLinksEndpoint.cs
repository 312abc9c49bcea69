using Carter;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.Linking.Links.Listing;

namespace NavusoftSync.Linking.Links.AdminListing;

/// <summary>
/// A link of the tenant as its admin sees it: <c>userId</c> (the token <c>sub</c> of the user who linked it) and every field
/// of <c>GET /api/me/links</c>.
/// </summary>
public sealed record AdminLinkResponse(
    string UserId,
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
    internal static AdminLinkResponse From(string userId, LinkResponse l) => new(
        userId, l.LinkId, l.Provider, l.ExternalAccount, l.Status, l.LinkedAt, l.LastSyncAt, l.LastSyncError, l.EmailsSynced, l.AppointmentsSynced,
        l.ItemsSkipped, l.Push, l.Completeness, l.ReauthReason, l.Progress);
}

/// <summary><c>GET /api/admin/links?status=</c>: every link of the caller's tenant with its user and health (tenant admins only).</summary>
public sealed class AdminLinksEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/admin/links", ListAsync).WithTags("Linking").WithName("ListTenantLinks")
            .RequireAuthorization(AuthenticationSetup.AdminPolicy).ProducesValidationProblem();

    private static async Task<Ok<IReadOnlyList<AdminLinkResponse>>> ListAsync(string? status, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListTenantLinks(status), ct));
}
