using Marten;
using NavusoftSync.BuildingBlocks.Contracts.Integration;
using NavusoftSync.BuildingBlocks.Mediation;
using NavusoftSync.Linking.Contracts;
using NavusoftSync.Synchronization.Recording;
using NavusoftSync.Synchronization.Jobs;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Synchronization.Runs;
using NavusoftSync.Synchronization.Runs.Checks.Health;

namespace NavusoftSync.Synchronization.Links;

/// <summary>
/// Keeps <see cref="SyncedLink"/> in step with the Linking module and (re)schedules or removes the
/// link's sync job, its push upkeep job and its completeness check job. Scheduling is idempotent (jobs are replaced), so a redelivered event is
/// harmless. A link that loses its grant or is unlinked keeps no route to its push registrations (the unlink itself
/// deleted them at the provider while it still had the grant; whatever could not be deleted stays orphaned).
/// </summary>
internal sealed class LinkEventHandlers(
    IDocumentSession session, UnitOfWork unitOfWork, SyncScheduler scheduler, LinkRelease release, LinkPushUpkeep push, TimeProvider clock)
    : IIntegrationEventHandler<LinkEstablished>,
      IIntegrationEventHandler<LinkUnlinked>,
      IIntegrationEventHandler<LinkReauthRequired>,
      IIntegrationEventHandler<LinkSyncRequested>
{
    public async ValueTask Handle(LinkEstablished e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        session.Store(new SyncedLink(e.LinkId, e.UserId, e.Provider, e.ExternalAccount, true, clock.GetUtcNow()));

        // The job is stored before the commit (durable: it runs at its next interval even if the process
        // dies now) and fired once the link is committed, so the first run finds it.
        await scheduler.ScheduleAsync(context.TenantId, e.LinkId, runNow: false, cancellationToken);
        await scheduler.SchedulePushUpkeepAsync(context.TenantId, e.LinkId, cancellationToken);
        await scheduler.ScheduleCheckAsync(context.TenantId, e.LinkId, cancellationToken);
        unitOfWork.AfterCommit(async ct =>
        {
            await scheduler.TriggerNowAsync(context.TenantId, e.LinkId, SyncTrigger.Link, ct);
            await scheduler.TriggerPushUpkeepAsync(context.TenantId, e.LinkId, ct);
        });
    }

    public async ValueTask Handle(LinkUnlinked e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        await DeactivateAsync(e.LinkId, cancellationToken);
        await scheduler.UnscheduleAsync(context.TenantId, e.LinkId, cancellationToken);
        await scheduler.UnschedulePushUpkeepAsync(context.TenantId, e.LinkId, cancellationToken);
        await push.OrphanAsync(e.LinkId, cancellationToken);
        await release.ReleaseAsync(e.LinkId, e.UserId, cancellationToken);
    }

    public async ValueTask Handle(LinkReauthRequired e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        await DeactivateAsync(e.LinkId, cancellationToken);
        await scheduler.UnscheduleAsync(context.TenantId, e.LinkId, cancellationToken);
        await scheduler.UnschedulePushUpkeepAsync(context.TenantId, e.LinkId, cancellationToken);
        await push.OrphanAsync(e.LinkId, cancellationToken);
    }

    public async ValueTask Handle(LinkSyncRequested e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<SyncedLink>(e.LinkId, cancellationToken) is { Active: true })
        {
            await scheduler.TriggerNowAsync(context.TenantId, e.LinkId, SyncTrigger.Manual, cancellationToken);
        }
    }

    /// <summary>The link stops syncing; the run watchdog forgets it (<see cref="LinkRunHealth"/>) until it runs again.</summary>
    private async Task DeactivateAsync(string linkId, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<SyncedLink>(linkId, cancellationToken) is { } link)
        {
            session.Store(link with { Active = false, UpdatedAt = clock.GetUtcNow() });
        }

        session.Delete<LinkRunHealth>(SyncStream.KeyOf(linkId));
    }
}
