using Carter;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;

namespace NavusoftSync.Linking.Links.Checking;

/// <summary>
/// <c>POST /api/me/links/{linkId}/check</c>: run the link's completeness check now (202; the Synchronization module runs it,
/// its result shows in the link's <c>completeness</c> and in its runs with trigger <c>check</c>).
/// </summary>
public sealed class RequestCheckEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/me/links/{linkId}/check", RequestAsync).WithTags("Linking").WithName("RequestCheck")
            .RequireAuthorization().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Accepted> RequestAsync(string linkId, ISender sender, ICurrentUser user, CancellationToken ct)
    {
        await sender.Send(new RequestCheck(linkId, user.UserId), ct);
        return TypedResults.Accepted((string?)null);
    }
}
