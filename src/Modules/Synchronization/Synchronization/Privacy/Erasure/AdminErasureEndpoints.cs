using Carter;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;

namespace NavusoftSync.Synchronization.Privacy.Erasure;

/// <summary>The body of an admin erasure: <c>{"reason": "…"}</c> (required, at most 500 characters).</summary>
public sealed record ErasureRequest(string? Reason);

/// <summary>
/// <c>DELETE /api/admin/emails/{threadId}</c> and <c>DELETE /api/admin/appointments/{appointmentId}</c>: a tenant admin
/// erases an item's content from the event store and every calendar; its stream keeps only the erased event (by whom,
/// when, why) and the masked events' shapes. 204; erasing it again is 204 and appends nothing; an item the tenant does
/// not have 404; no reason 400; a user who is not an admin 403.
/// </summary>
public sealed class AdminErasureEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Synchronization").RequireAuthorization(AuthenticationSetup.AdminPolicy);
        admin.MapDelete("/emails/{threadId}", EraseThreadAsync).WithName("EraseEmail")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapDelete("/appointments/{appointmentId}", EraseAppointmentAsync).WithName("EraseAppointment")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<NoContent> EraseThreadAsync(
        string threadId, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ErasureRequest? request, ISender sender, ICurrentUser user, CancellationToken ct)
    {
        await sender.Send(new EraseThread(threadId, request?.Reason, user.UserId), ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> EraseAppointmentAsync(
        string appointmentId, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ErasureRequest? request, ISender sender, ICurrentUser user, CancellationToken ct)
    {
        await sender.Send(new EraseAppointment(appointmentId, request?.Reason, user.UserId), ct);
        return TypedResults.NoContent();
    }
}
