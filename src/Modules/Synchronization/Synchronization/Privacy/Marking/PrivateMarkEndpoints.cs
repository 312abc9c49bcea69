using Carter;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;

namespace NavusoftSync.Synchronization.Privacy.Marking;

/// <summary>The body of a private mark: <c>{"private": true}</c>.</summary>
public sealed record PrivateMarkRequest(bool? Private);

/// <summary>The mark as it now stands for the caller: <c>{"private": true}</c>.</summary>
public sealed record PrivateMarkResponse(bool Private);

/// <summary>
/// <c>PUT /api/emails/{threadId}/private</c> and <c>PUT /api/appointments/{appointmentId}/private</c>: a user whose
/// mailbox (calendar) holds the item marks it private for everyone else, or takes their mark back. Answers 200 with the
/// caller's mark; marking again what is already marked changes nothing and answers the same. An item the caller does not
/// hold answers 404, exactly as one that does not exist (or is another tenant's); a body without <c>private</c> 400.
/// </summary>
public sealed class PrivateMarkEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Synchronization").RequireAuthorization();
        api.MapPut("/emails/{threadId}/private", MarkThreadAsync).WithName("MarkEmailPrivate")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/appointments/{appointmentId}/private", MarkAppointmentAsync).WithName("MarkAppointmentPrivate")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<PrivateMarkResponse>> MarkThreadAsync(
        string threadId, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] PrivateMarkRequest? request, ISender sender, ICurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(new PrivateMarkResponse(await sender.Send(new MarkThreadPrivate(threadId, user.UserId, request?.Private), ct)));

    private static async Task<Ok<PrivateMarkResponse>> MarkAppointmentAsync(
        string appointmentId, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] PrivateMarkRequest? request, ISender sender, ICurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(new PrivateMarkResponse(await sender.Send(new MarkAppointmentPrivate(appointmentId, user.UserId, request?.Private), ct)));
}
