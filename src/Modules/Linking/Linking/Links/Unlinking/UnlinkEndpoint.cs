using Carter;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;

namespace NavusoftSync.Linking.Links.Unlinking;

/// <summary><c>DELETE /api/me/links/{linkId}</c>: unlink, stop syncing, delete the stored credentials (204).</summary>
public sealed class UnlinkEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapDelete("/api/me/links/{linkId}", UnlinkAsync).WithTags("Linking").WithName("Unlink").RequireAuthorization();

    private static async Task<NoContent> UnlinkAsync(string linkId, ISender sender, ICurrentUser user, CancellationToken ct)
    {
        await sender.Send(new Unlink(linkId, user.UserId), ct);
        return TypedResults.NoContent();
    }
}
