using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace NavusoftSync.Synchronization.Push.Webhooks;

/// <summary><c>POST /api/webhooks/google/gmail</c>: Gmail's notifications through a Cloud Pub/Sub push subscription (anonymous; the OIDC bearer is the check).</summary>
public sealed class GoogleGmailWebhook : ICarterModule
{
    public const string Path = "/api/webhooks/google/gmail";

    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost(Path, (HttpRequest request, CancellationToken ct) =>
                ActivatorUtilities.CreateInstance<GoogleGmailNotifications>(request.HttpContext.RequestServices).HandleAsync(request, ct))
            .AllowAnonymous().WithTags("Push").ExcludeFromDescription();
}
