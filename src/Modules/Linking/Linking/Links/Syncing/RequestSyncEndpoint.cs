using Carter;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;

namespace NavusoftSync.Linking.Links.Syncing;

/// <summary><c>POST /api/me/links/{linkId}/sync</c>: run a sync now (202; the Synchronization module picks it up).</summary>
public sealed class RequestSyncEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/me/links/{linkId}/sync", RequestAsync).WithTags("Linking").WithName("RequestSync")
            .RequireAuthorization().ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Accepted> RequestAsync(string linkId, ISender sender, ICurrentUser user, CancellationToken ct)
    {
        await sender.Send(new RequestSync(linkId, user.UserId), ct);
        return TypedResults.Accepted((string?)null);
    }
}
