using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NavusoftSync.Synchronization.Providers.Google;
using NavusoftSync.Synchronization.Runs;

namespace NavusoftSync.Synchronization.Push.Webhooks;

/// <summary>
/// A Gmail notification pushed by Cloud Pub/Sub. Only a push whose OIDC token checks (<see cref="PubSubTokenVerifier"/>)
/// is read; anything else is answered 401 and does nothing more. The address's routes (one per tenant and link that
/// linked it) are each woken, in their own tenant, when the link still has a live Gmail watch and its mail cursor is
/// older than the notification's historyId.
/// </summary>
internal sealed partial class GoogleGmailNotifications(
    PubSubTokenVerifier verifier, PushRouter router, PushWakeups wakeups, PushMetrics metrics, IDocumentStore store, ILogger<GoogleGmailNotifications> logger)
{
    /// <summary>A Gmail notification's push body is about 400 bytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private const string Provider = GoogleReader.ProviderName;

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        switch (await verifier.CheckAsync(request.Headers.Authorization.ToString(), cancellationToken))
        {
            case PubSubTokenCheck.Invalid:
                metrics.Count(Provider, NotificationOutcome.BadSecret);
                return TypedResults.Unauthorized();
            case PubSubTokenCheck.KeysUnavailable:
                // Not the sender's fault: Pub/Sub redelivers after a non-2xx answer, by when the keys may be back.
                return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        var body = await BoundedBody.ReadAsync(request.Body, request.ContentLength, MaxBodyBytes, cancellationToken);
        if ((body is { } read ? PubSubGmailNotification.Read(read.Span) : null) is not { } notification)
        {
            // Acknowledged all the same: Pub/Sub redelivers every message it does not get a 2xx for, so a message that
            // cannot be read would come back forever. It is counted, and the link's polling covers whatever it meant.
            metrics.Count(Provider, NotificationOutcome.Malformed);
            LogMalformed(logger);
            return TypedResults.NoContent();
        }

        var routes = await router.FindAsync(PushRoute.GmailKey(notification.EmailAddress), cancellationToken);
        if (routes.Count == 0)
        {
            metrics.Count(Provider, NotificationOutcome.UnknownId);
        }

        foreach (var route in routes)
        {
            metrics.Count(Provider, await WakeAsync(route, notification.HistoryId, cancellationToken));
        }

        return TypedResults.NoContent();
    }

    /// <summary>Wakes the route's link unless it has no live Gmail watch or its mail cursor is at or past <paramref name="historyId"/>.</summary>
    private async Task<NotificationOutcome> WakeAsync(PushRoute route, ulong historyId, CancellationToken cancellationToken)
    {
        var registrations = await router.RegistrationsAsync(route, cancellationToken);
        if (!registrations.Any(r => r.Resource == PushResource.GmailMailbox))
        {
            LogNoWatch(logger, route.TenantId, route.LinkId);
            return NotificationOutcome.UnknownId;
        }

        await using (var query = store.QuerySession(route.TenantId))
        {
            var cursors = await query.LoadAsync<SyncCursors>(route.LinkId, cancellationToken);
            if (ulong.TryParse(cursors?.Mail, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor) && cursor >= historyId)
            {
                return NotificationOutcome.Stale;
            }
        }

        await wakeups.WakeAsync(route, cancellationToken);
        LogWoken(logger, route.TenantId, route.LinkId);
        return NotificationOutcome.Accepted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A verified Gmail push could not be read; acknowledged")]
    private static partial void LogMalformed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gmail push for link {LinkId} of tenant {TenantId}, which has no live watch: ignored")]
    private static partial void LogNoWatch(ILogger logger, string tenantId, string linkId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Gmail push woke link {LinkId} of tenant {TenantId}")]
    private static partial void LogWoken(ILogger logger, string tenantId, string linkId);
}
