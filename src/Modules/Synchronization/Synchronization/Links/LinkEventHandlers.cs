using Marten;
using NavusoftSync.BuildingBlocks.Contracts.Integration;
using NavusoftSync.Linking.Contracts;
using NavusoftSync.Synchronization.Jobs;

namespace NavusoftSync.Synchronization.Links;

/// <summary>
/// Keeps <see cref="SyncedLink"/> in step with the Linking module and (re)schedules or removes the
/// link's sync job. Scheduling is idempotent (jobs are replaced), so a redelivered event is harmless.
/// </summary>
internal sealed class LinkEventHandlers(IDocumentSession session, SyncScheduler scheduler, TimeProvider clock)
    : IIntegrationEventHandler<LinkEstablished>,
      IIntegrationEventHandler<LinkUnlinked>,
      IIntegrationEventHandler<LinkReauthRequired>,
      IIntegrationEventHandler<LinkSyncRequested>
{
    public async ValueTask Handle(LinkEstablished e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        session.Store(new SyncedLink(e.LinkId, e.UserId, e.Provider, e.ExternalAccount, true, clock.GetUtcNow()));
        await scheduler.ScheduleAsync(context.TenantId, e.LinkId, runNow: true, cancellationToken);
    }

    public async ValueTask Handle(LinkUnlinked e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        await DeactivateAsync(e.LinkId, cancellationToken);
        await scheduler.UnscheduleAsync(context.TenantId, e.LinkId, cancellationToken);
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
            await scheduler.ScheduleAsync(context.TenantId, e.LinkId, runNow: true, cancellationToken);
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
