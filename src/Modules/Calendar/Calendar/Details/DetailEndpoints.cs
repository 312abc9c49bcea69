using Carter;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;
using NavusoftSync.Calendar.Viewing;

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

    private static async Task<JsonHttpResult<EmailThreadDetails>> EmailAsync(string threadId, ICurrentUser user, ISender sender, CancellationToken ct) =>
        TypedResults.Json(await sender.Send(new GetEmailThread(threadId, user.UserId), ct), CalendarJson.Default.EmailThreadDetails);

    private static async Task<JsonHttpResult<AppointmentDetails>> AppointmentAsync(string appointmentId, ICurrentUser user, ISender sender, CancellationToken ct) =>
        TypedResults.Json(await sender.Send(new GetAppointment(appointmentId, user.UserId), ct), CalendarJson.Default.AppointmentDetails);
}
