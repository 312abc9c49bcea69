using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Auth;

namespace NavusoftSync.BuildingBlocks.Integration.DeadLetters;

/// <summary>
/// <c>GET /api/admin/dead-letters</c> and <c>POST /api/admin/dead-letters/{id}/replay</c>: operators
/// only (a tenant admin gets 403), since the dead letters of every tenant share one table.
/// </summary>
public sealed class DeadLetterEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var operators = app.MapGroup("/api/admin/dead-letters").RequireAuthorization(AuthenticationSetup.OperatorPolicy).WithTags("Operations");

        operators.MapGet("/", async Task<Ok<IReadOnlyList<DeadLetterSummary>>> (DeadLetterOffice deadLetters, CancellationToken ct) =>
                TypedResults.Ok(await deadLetters.ListAsync(ct)))
            .WithName("ListDeadLetters");

        operators.MapPost("/{id:guid}/replay", async Task<Ok<DeadLetterReplayed>> (Guid id, DeadLetterOffice deadLetters, CancellationToken ct) =>
                TypedResults.Ok(await deadLetters.ReplayAsync(id, ct)))
            .WithName("ReplayDeadLetter");
    }
}
