using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace NavusoftSync.Synchronization.Push.Webhooks;

/// <summary><c>POST /api/webhooks/google/calendar</c>: Google Calendar channel notifications (anonymous; the channel token is the check).</summary>
public sealed class GoogleCalendarWebhook : ICarterModule
{
    public const string Path = "/api/webhooks/google/calendar";

    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost(Path, (HttpRequest request, CancellationToken ct) =>
                ActivatorUtilities.CreateInstance<GoogleCalendarNotifications>(request.HttpContext.RequestServices).HandleAsync(request, ct))
            .AllowAnonymous().WithTags("Push").ExcludeFromDescription();
}
