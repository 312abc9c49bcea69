using Carter;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.ContactDirectory.Contracts;

namespace NavusoftSync.ContactDirectory.Lookup;

/// <summary><c>GET /api/contacts?email=x</c>: the accounts a contact email belongs to.</summary>
public sealed class ContactLookupEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/contacts", FindAsync).WithTags("ContactDirectory").WithName("FindContactsByEmail")
            .RequireAuthorization().ProducesValidationProblem();

    private static async Task<Ok<IReadOnlyList<ContactMatch>>> FindAsync(string? email, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new FindContactsByEmail(email), ct));
}
