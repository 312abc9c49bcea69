using Marten;
using NavusoftSync.Synchronization.Jobs;
using NavusoftSync.Synchronization.Providers.Imap;
using NavusoftSync.Synchronization.Runs;

namespace NavusoftSync.Synchronization.Push.Idle;

/// <summary>
/// A watched link's push status (<see cref="LinkPush"/>, what <c>GET /api/me/links</c> shows as <c>push</c>) and poll
/// interval, as the push upkeep keeps them for Graph and Google: Active with the fallback interval while its IDLE
/// connection is up, Failed with the normal interval while it reconnects, Off when it is no longer watched. Each write
/// happens only when the status changes, so a pool cycle that confirms Active costs one primary-key read. A wake-up is a
/// push notification's (<see cref="PushWakeups.WakeAsync"/>): the link's durable "now" trigger with trigger <c>push</c>,
/// and its last-notification time.
/// </summary>
internal sealed class IdleStatus(IDocumentStore store, SyncScheduler scheduler, PushWakeups wakeups, PushMetrics metrics, TimeProvider clock)
{
    public const string RouteKey = "imap-idle";

    public const string Reconnecting = "The IMAP connection that watches the inbox was lost; it is reconnecting, and the link is polled at the normal interval meanwhile.";

    /// <summary>Wakes the link's run, counted as an accepted <c>imap</c> notification (<see cref="PushMetrics"/>).</summary>
    public Task WakeAsync(IdleLink link, CancellationToken cancellationToken)
    {
        metrics.Count(ImapReader.ProviderName, NotificationOutcome.Accepted);
        return wakeups.WakeAsync(PushRoute.For(RouteKey, link.TenantId, link.LinkId), cancellationToken);
    }

    public Task WatchingAsync(IdleLink link, CancellationToken cancellationToken) => SetAsync(link, PushStatus.Active, null, cancellationToken);

    public Task ReconnectingAsync(IdleLink link, CancellationToken cancellationToken) => SetAsync(link, PushStatus.Failed, Reconnecting, cancellationToken);

    public Task StoppedAsync(IdleLink link, CancellationToken cancellationToken) => SetAsync(link, PushStatus.Off, null, cancellationToken);

    private async Task SetAsync(IdleLink link, PushStatus status, string? error, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession(link.TenantId);
        var current = await session.LoadAsync<LinkPush>(link.LinkId, cancellationToken);
        if ((current?.Status ?? PushStatus.Off) == status && current?.LastError == error)
        {
            return;
        }

        session.Store(new LinkPush(link.LinkId, status, null, error, clock.GetUtcNow()));
        await session.SaveChangesAsync(cancellationToken);
        await scheduler.SetPollIntervalAsync(link.TenantId, link.LinkId, healthyPush: status == PushStatus.Active, cancellationToken);
    }
}
