using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;
using NavusoftSync.Synchronization.Jobs;
using NavusoftSync.Synchronization.Runs;

namespace NavusoftSync.Synchronization.Push;

/// <summary>
/// Push that has gone silent: a scheduled poll of a link whose push is Active found changes, and no notification
/// arrived for the whole fallback interval before it. Providers drop notifications without telling (a lost Pub/Sub
/// delivery, a subscription the provider stopped serving), so a quiet webhook is not proof of a quiet mailbox. The link
/// goes back to the normal poll interval (status Failed, saying why), its registrations are marked gone, and its
/// upkeep runs now to make them again.
/// </summary>
internal sealed partial class PushSilence(
    IDocumentStore store, ITenantContext tenant, IOptions<PushOptions> options, SyncScheduler scheduler, TimeProvider clock, ILogger<PushSilence> logger)
{
    public const string Reason = "Push notifications stopped arriving while a poll found changes; the link is polled at the normal interval until they are set up again.";

    public async Task AfterRunAsync(string linkId, SyncTrigger trigger, SyncCounts mail, SyncCounts calendar, CancellationToken cancellationToken)
    {
        if (trigger != SyncTrigger.Schedule || mail.Scanned + calendar.Scanned == 0 || !options.Value.IsOn)
        {
            return;
        }

        await using var session = store.LightweightSession(tenant.TenantId);
        var push = await session.LoadAsync<LinkPush>(linkId, cancellationToken);
        if (push is not { IsHealthy: true })
        {
            return;
        }

        var heartbeat = await session.LoadAsync<PushHeartbeat>(linkId, cancellationToken);
        var live = (await session.Query<PushRegistration>().Where(r => r.LinkId == linkId).ToListAsync(cancellationToken)).Where(r => r.IsLive).ToList();
        var now = clock.GetUtcNow();
        if (live.Count == 0 || QuietSince(heartbeat, live) is var since && now - since < options.Value.FallbackInterval)
        {
            return;
        }

        foreach (var registration in live)
        {
            session.Store(registration with { Gone = true });
        }

        session.Store(push with { Status = PushStatus.Failed, LastError = Reason, UpdatedAt = now });
        await session.SaveChangesAsync(cancellationToken);
        LogSilent(logger, linkId, mail.Scanned + calendar.Scanned);
        await scheduler.SetPollIntervalAsync(tenant.TenantId, linkId, healthyPush: false, cancellationToken);
        await scheduler.TriggerPushUpkeepAsync(tenant.TenantId, linkId, cancellationToken);
    }

    /// <summary>The last notification, or when the registrations were made if that is later (a new registration has had no chance to be silent yet).</summary>
    private static DateTimeOffset QuietSince(PushHeartbeat? heartbeat, IReadOnlyList<PushRegistration> live)
    {
        var made = live.Max(r => r.CreatedAt);
        return heartbeat is { LastNotificationAt: var last } && last > made ? last : made;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {LinkId}: a scheduled poll found {Changes} changes that no push notification announced; push is made again")]
    private static partial void LogSilent(ILogger logger, string linkId, int changes);
}
