using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Faults;
using NavusoftSync.Tools.ProviderSandbox.Google.Calendar.Channels;
using NavusoftSync.Tools.ProviderSandbox.Google.Shared;
using NavusoftSync.Tools.ProviderSandbox.Hosting;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Calendar;

internal static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapGoogleCalendar(this IEndpointRouteBuilder app)
    {
        var errors = app.ServiceProvider.GetRequiredService<GoogleApiErrors>();
        var surface = new ApiSurface("calendar", SandboxProvider.Google, errors, AcceptsAccessTokenQuery: true);
        var calendar = app.MapGroup(SandboxPaths.Calendar + "/calendars/{calendarId}").AddEndpointFilter(new MailboxEndpointFilter(surface));
        calendar.MapGet("/events", CalendarEventsListEndpoint.Handle);
        calendar.MapGet("/events/{eventId}", CalendarEventGetEndpoint.Handle);
        calendar.MapPost("/events/watch", CalendarWatchEndpoints.WatchAsync).DisableAntiforgery();
        app.MapGroup(SandboxPaths.Calendar + "/channels").AddEndpointFilter(new MailboxEndpointFilter(surface))
            .MapPost("/stop", CalendarWatchEndpoints.StopAsync).DisableAntiforgery();
        app.MapFallback(SandboxPaths.Calendar + "/{**path}", () => GoogleApiErrors.NotFound("The sandbox does not emulate this Calendar API method."));
        return app;
    }
}
