using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;

namespace NavusoftSync.BuildingBlocks.Audit.Rebuilds;

/// <summary>
/// <c>POST /api/admin/projections/rebuild</c> (202; 409 while one runs) and
/// <c>GET /api/admin/projections</c> (progress). Operators only (a tenant admin gets 403): a rebuild
/// replays the event store of every tenant (projections are built store-wide); the answers carry
/// names and counts, no data and no user ids.
/// </summary>
public sealed class ProjectionAdminEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var operators = app.MapGroup("/api/admin/projections").RequireAuthorization(AuthenticationSetup.OperatorPolicy).WithTags("Audit");

        operators.MapGet("/", async Task<Ok<ProjectionsOverview>> (ProjectionRebuilds rebuilds, CancellationToken ct) =>
                TypedResults.Ok(await rebuilds.OverviewAsync(ct)))
            .WithName("ListProjections");

        operators.MapPost("/rebuild", async Task<Accepted<RebuildRunStatus>> (ProjectionRebuilds rebuilds, ICurrentUser user, ITenantContext tenant, CancellationToken ct) =>
                TypedResults.Accepted("/api/admin/projections", await rebuilds.StartAsync($"{tenant.TenantId}/{user.UserId}", ct)))
            .WithName("RebuildProjections");
    }
}
