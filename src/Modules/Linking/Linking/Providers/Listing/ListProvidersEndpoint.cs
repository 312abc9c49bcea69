using Carter;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;

namespace NavusoftSync.Linking.Providers.Listing;

/// <summary><c>GET /api/providers?email=</c>: the provider screen, the detected provider suggested.</summary>
public sealed class ListProvidersEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/providers", ListAsync).WithTags("Linking").WithName("ListProviders")
            .RequireAuthorization().ProducesValidationProblem();

    private static async Task<Ok<IReadOnlyList<ProviderOption>>> ListAsync(string? email, ISender sender, ICurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListProviders(email, user.Email), ct));
}
