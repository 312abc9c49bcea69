using Microsoft.Extensions.Logging;
using NavusoftSync.Synchronization.Providers.Microsoft;

namespace NavusoftSync.Synchronization.Push.Webhooks;

/// <summary>
/// What the Graph webhooks do with one request's items: each item's subscription id is routed (the tenant-free
/// <see cref="PushRoute"/>) and its <c>clientState</c> checked in the route's tenant (<see cref="PushRouter.VerifyAsync"/>);
/// a verified change wakes its link's sync, a verified lifecycle event asks for the registration's upkeep. Each link is
/// woken and each registration's upkeep asked at most once per request; at most <see cref="MaxChecks"/> distinct
/// (subscription, clientState) pairs are checked per request. Unknown ids, wrong secrets and unreadable items do nothing
/// but count (<see cref="PushMetrics"/>) and log the subscription id, never the secret.
/// </summary>
internal sealed partial class MicrosoftNotifications(PushRouter router, PushWakeups wakeups, PushMetrics metrics, ILogger logger)
{
    public const int MaxChecks = 100;

    private readonly Dictionary<(string Id, string? Secret), Check> _checked = [];
    private readonly HashSet<string> _woken = new(StringComparer.Ordinal);
    private readonly HashSet<string> _upkept = new(StringComparer.Ordinal);
    private int _skipped;

    public async Task ChangesAsync(IEnumerable<MicrosoftNotification> items, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            foreach (var (route, _) in await VerifyAsync(item, cancellationToken))
            {
                await WakeOnceAsync(route, cancellationToken);
            }
        }
    }

    public async Task LifecycleAsync(IEnumerable<MicrosoftNotification> items, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            var lifecycle = MicrosoftLifecycle.Parse(item.LifecycleEvent);
            if (lifecycle is null)
            {
                Count(NotificationOutcome.Malformed);
                LogUnknownEvent(logger, item.HasValidId ? item.SubscriptionId : null);
                continue;
            }

            foreach (var (route, registration) in await VerifyAsync(item, cancellationToken))
            {
                await ApplyAsync(lifecycle.Value, route, registration, cancellationToken);
            }
        }
    }

    /// <summary>A body that could not be read at all counts once, as malformed.</summary>
    public void CountUnreadable() => Count(NotificationOutcome.Malformed);

    /// <summary>Logs the items a request's caps left unread (past <see cref="MicrosoftNotificationBody.MaxItems"/>) or unchecked (past <see cref="MaxChecks"/> subscriptions).</summary>
    public void ReportCap(int total, int read)
    {
        if (total > read || _skipped > 0)
        {
            LogCapped(logger, total, total - read + _skipped);
        }
    }

    private async Task ApplyAsync(MicrosoftLifecycleEvent lifecycle, PushRoute route, PushRegistration registration, CancellationToken cancellationToken)
    {
        if ((lifecycle is MicrosoftLifecycleEvent.ReauthorizationRequired or MicrosoftLifecycleEvent.SubscriptionRemoved) && _upkept.Add(registration.Id))
        {
            var upkeep = lifecycle == MicrosoftLifecycleEvent.ReauthorizationRequired ? PushUpkeep.Renew : PushUpkeep.Recreate;
            await wakeups.RequestUpkeepAsync(route, registration, upkeep, cancellationToken);
            LogUpkeep(logger, route.LinkId, registration.Id, upkeep);
        }

        if (lifecycle is MicrosoftLifecycleEvent.SubscriptionRemoved or MicrosoftLifecycleEvent.Missed)
        {
            await WakeOnceAsync(route, cancellationToken);
        }
    }

    private async Task WakeOnceAsync(PushRoute route, CancellationToken cancellationToken)
    {
        if (_woken.Add($"{route.TenantId}|{route.LinkId}"))
        {
            await wakeups.WakeAsync(route, cancellationToken);
        }
    }

    /// <summary>The item's routes whose registration its clientState matches, or none; each item counts its outcome.</summary>
    private async Task<IReadOnlyList<Verified>> VerifyAsync(MicrosoftNotification item, CancellationToken cancellationToken)
    {
        if (!item.HasValidId)
        {
            Count(NotificationOutcome.Malformed);
            return [];
        }

        var key = (item.SubscriptionId!, item.ClientState);
        if (!_checked.TryGetValue(key, out var check))
        {
            if (_checked.Count >= MaxChecks)
            {
                _skipped++;
                return [];
            }

            check = await CheckAsync(item.SubscriptionId!, item.ClientState, cancellationToken);
            _checked[key] = check;
        }

        Count(check.Outcome);
        return check.Verified;
    }

    private async Task<Check> CheckAsync(string subscriptionId, string? clientState, CancellationToken cancellationToken)
    {
        var routes = await router.FindAsync(PushRoute.GraphKey(subscriptionId), cancellationToken);
        if (routes.Count == 0)
        {
            LogUnknown(logger, subscriptionId);
            return new Check(NotificationOutcome.UnknownId, []);
        }

        var verified = new List<Verified>();
        foreach (var route in routes)
        {
            if (await router.VerifyAsync(route, subscriptionId, clientState, cancellationToken) is { } registration)
            {
                verified.Add(new Verified(route, registration));
            }
        }

        if (verified.Count == 0)
        {
            LogBadSecret(logger, subscriptionId);
            return new Check(NotificationOutcome.BadSecret, []);
        }

        return new Check(NotificationOutcome.Accepted, verified);
    }

    private void Count(NotificationOutcome outcome) => metrics.Count(GraphReader.ProviderName, outcome);

    private sealed record Verified(PushRoute Route, PushRegistration Registration);

    /// <summary>What checking one (subscription id, clientState) pair found: the outcome every item with that pair counts, and its verified routes.</summary>
    private sealed record Check(NotificationOutcome Outcome, IReadOnlyList<Verified> Verified);

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph notification for unknown subscription {SubscriptionId} ignored")]
    private static partial void LogUnknown(ILogger logger, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph notification for subscription {SubscriptionId} with a clientState that does not match ignored")]
    private static partial void LogBadSecret(ILogger logger, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph lifecycle notification with an unknown event ignored (subscription {SubscriptionId})")]
    private static partial void LogUnknownEvent(ILogger logger, string? subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph notification request of {Total} items: {Ignored} ignored over the caps")]
    private static partial void LogCapped(ILogger logger, int total, int ignored);

    [LoggerMessage(Level = LogLevel.Information, Message = "Link {LinkId}: Graph asked for {Upkeep} of subscription {SubscriptionId}")]
    private static partial void LogUpkeep(ILogger logger, string linkId, string subscriptionId, PushUpkeep upkeep);
}
