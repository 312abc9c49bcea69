using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using NavusoftSync.Synchronization.Providers.Microsoft;

namespace NavusoftSync.Synchronization.Push.Webhooks;

/// <summary>
/// <c>POST /api/webhooks/microsoft</c> and <c>POST /api/webhooks/microsoft/lifecycle</c> (CONTRACT.md, "Push
/// notifications"): anonymous, since Graph sends no token; what a request proves is the <c>clientState</c> of each item.
/// A <c>validationToken</c> is echoed as text/plain and nothing else happens. A body of items answers 202 whatever the
/// items held (unknown, forged and unreadable ones only count); an unreadable body answers 400, one over 1 MiB 413. No
/// provider is called here: a verified item only stores a wake-up (see <see cref="MicrosoftNotifications"/>).
/// </summary>
public sealed class MicrosoftWebhookEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup(GraphPushResources.NotificationPath).WithTags("Push").AllowAnonymous().DisableAntiforgery();
        Document(webhooks.MapPost(string.Empty, ChangesAsync).WithName("MicrosoftChangeNotifications"));
        Document(webhooks.MapPost("/lifecycle", LifecycleAsync).WithName("MicrosoftLifecycleNotifications"));
    }

    private static void Document(RouteHandlerBuilder route) => route
        .Produces<string>(StatusCodes.Status200OK, "text/plain")
        .Produces(StatusCodes.Status202Accepted)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static Task<IResult> ChangesAsync(HttpContext http, PushRouter router, PushWakeups wakeups, PushMetrics metrics, ILogger<MicrosoftWebhookEndpoints> logger) =>
        HandleAsync(http, new MicrosoftNotifications(router, wakeups, metrics, logger), lifecycle: false);

    private static Task<IResult> LifecycleAsync(HttpContext http, PushRouter router, PushWakeups wakeups, PushMetrics metrics, ILogger<MicrosoftWebhookEndpoints> logger) =>
        HandleAsync(http, new MicrosoftNotifications(router, wakeups, metrics, logger), lifecycle: true);

    private static async Task<IResult> HandleAsync(HttpContext http, MicrosoftNotifications notifications, bool lifecycle)
    {
        var (present, token) = MicrosoftWebhookRequest.ValidationToken(http.Request);
        if (present)
        {
            return token is null
                ? Refuse(notifications, StatusCodes.Status400BadRequest, "The validationToken must be one value of at most 1,024 bytes without control characters.")
                : TypedResults.Text(token, "text/plain", System.Text.Encoding.UTF8);
        }

        if (await BoundedBody.ReadAsync(http.Request.Body, http.Request.ContentLength, MicrosoftNotificationBody.MaxBytes, http.RequestAborted) is not { } body)
        {
            return Refuse(notifications, StatusCodes.Status413PayloadTooLarge, "A notification body is at most 1 MiB.");
        }

        if (MicrosoftNotificationBody.Parse(body) is not var (items, total))
        {
            return Refuse(notifications, StatusCodes.Status400BadRequest, "The body must be a JSON object with a value array.");
        }

        await (lifecycle ? notifications.LifecycleAsync(items, http.RequestAborted) : notifications.ChangesAsync(items, http.RequestAborted));
        notifications.ReportCap(total, items.Count);
        return TypedResults.Accepted((string?)null);
    }

    private static ProblemHttpResult Refuse(MicrosoftNotifications notifications, int status, string detail)
    {
        notifications.CountUnreadable();
        return TypedResults.Problem(detail, statusCode: status, title: "The notification could not be read.");
    }
}
