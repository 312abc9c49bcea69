using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NavusoftSync.Synchronization.Providers.Google;

namespace NavusoftSync.Synchronization.Push.Webhooks;

/// <summary>
/// A Google Calendar channel notification. Its channel id names the route; the channel token (and the resource id) must
/// be the registration's. <c>sync</c> (the channel's first message) is acknowledged; <c>exists</c> and <c>not_exists</c>
/// wake the link. Headers out of shape are a 400; everything else is acknowledged with 204, including an unknown channel
/// and a wrong token: Google does not stop a channel for a 4xx (it only retries 5xx), and the same answer for a forged
/// notification and a genuine one tells a prober nothing about which channel ids exist.
/// </summary>
internal sealed partial class GoogleCalendarNotifications(PushRouter router, PushWakeups wakeups, PushMetrics metrics, ILogger<GoogleCalendarNotifications> logger)
{
    private const string Provider = GoogleReader.ProviderName;

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (GoogleChannelHeaders.Read(request.Headers) is not { } headers)
        {
            metrics.Count(Provider, NotificationOutcome.Malformed);
            return TypedResults.BadRequest();
        }

        var routes = await router.FindAsync(PushRoute.CalendarKey(headers.ChannelId), cancellationToken);
        if (routes.Count == 0)
        {
            metrics.Count(Provider, NotificationOutcome.UnknownId);
            LogUnknown(logger);
            return TypedResults.NoContent();
        }

        if (await VerifiedRouteAsync(routes, headers, cancellationToken) is not { } route)
        {
            metrics.Count(Provider, NotificationOutcome.BadSecret);
            LogBadToken(logger);
            return TypedResults.NoContent();
        }

        metrics.Count(Provider, await WakeAsync(route, headers.State, cancellationToken));
        return TypedResults.NoContent();
    }

    /// <summary>The route whose live registration the notification's token and resource id are (constant-time token check).</summary>
    private async Task<PushRoute?> VerifiedRouteAsync(IReadOnlyList<PushRoute> routes, GoogleChannelHeaders headers, CancellationToken cancellationToken)
    {
        foreach (var route in routes)
        {
            var registration = await router.VerifyAsync(route, headers.ChannelId, headers.Token, cancellationToken);
            if (registration is { Resource: PushResource.GoogleCalendar } && (registration.ResourceId is null || registration.ResourceId == headers.ResourceId))
            {
                return route;
            }
        }

        return null;
    }

    private async Task<NotificationOutcome> WakeAsync(PushRoute route, string state, CancellationToken cancellationToken)
    {
        switch (state)
        {
            case "sync":
                return NotificationOutcome.Stale;
            case "exists" or "not_exists":
                await wakeups.WakeAsync(route, cancellationToken);
                return NotificationOutcome.Accepted;
            default:
                LogUnknownState(logger, route.TenantId, route.LinkId);
                return NotificationOutcome.Malformed;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar notification for an unknown channel: ignored")]
    private static partial void LogUnknown(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar notification with a wrong channel token or resource id: ignored")]
    private static partial void LogBadToken(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar notification for link {LinkId} of tenant {TenantId} with an unknown resource state: ignored")]
    private static partial void LogUnknownState(ILogger logger, string tenantId, string linkId);
}
