using Marten;
using NavusoftSync.BuildingBlocks.Contracts.Integration;
using NavusoftSync.BuildingBlocks.Mediation;
using NavusoftSync.Linking.Contracts;
using NavusoftSync.Synchronization.Recording;
using NavusoftSync.Synchronization.Jobs;
using NavusoftSync.Synchronization.Runs;

namespace NavusoftSync.Synchronization.Links;

/// <summary>
/// Keeps <see cref="SyncedLink"/> in step with the Linking module and (re)schedules or removes the
/// link's sync job. Scheduling is idempotent (jobs are replaced), so a redelivered event is harmless.
/// </summary>
internal sealed class LinkEventHandlers(IDocumentSession session, UnitOfWork unitOfWork, SyncScheduler scheduler, LinkRelease release, TimeProvider clock)
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
        unitOfWork.AfterCommit(ct => scheduler.TriggerNowAsync(context.TenantId, e.LinkId, SyncTrigger.Link, ct));
    }

    public async ValueTask Handle(LinkUnlinked e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        await DeactivateAsync(e.LinkId, cancellationToken);
        await scheduler.UnscheduleAsync(context.TenantId, e.LinkId, cancellationToken);
        await release.ReleaseAsync(e.LinkId, e.UserId, cancellationToken);
    }

    public async ValueTask Handle(LinkReauthRequired e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        await DeactivateAsync(e.LinkId, cancellationToken);
        await scheduler.UnscheduleAsync(context.TenantId, e.LinkId, cancellationToken);
    }

    public async ValueTask Handle(LinkSyncRequested e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<SyncedLink>(e.LinkId, cancellationToken) is { Active: true })
        {
            await scheduler.TriggerNowAsync(context.TenantId, e.LinkId, SyncTrigger.Manual, cancellationToken);
        }
    }

    private async Task DeactivateAsync(string linkId, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<SyncedLink>(linkId, cancellationToken) is { } link)
        {
            session.Store(link with { Active = false, UpdatedAt = clock.GetUtcNow() });
        }
    }
}
