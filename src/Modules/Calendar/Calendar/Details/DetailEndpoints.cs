using Carter;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;

namespace NavusoftSync.Calendar.Details;

/// <summary><c>GET /api/emails/{threadId}</c> and <c>GET /api/appointments/{appointmentId}</c>.</summary>
public sealed class DetailEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Calendar").RequireAuthorization();
        api.MapGet("/emails/{threadId}", EmailAsync).WithName("GetEmailThread");
        api.MapGet("/appointments/{appointmentId}", AppointmentAsync).WithName("GetAppointment");
    }

    private static async Task<Ok<EmailThreadDetails>> EmailAsync(string threadId, ICurrentUser user, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetEmailThread(threadId, user.UserId), ct));

    private static async Task<Ok<AppointmentDetails>> AppointmentAsync(string appointmentId, ICurrentUser user, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetAppointment(appointmentId, user.UserId), ct));
}
