using Marten;
using NavusoftSync.Synchronization.Jobs;
using NavusoftSync.Synchronization.Runs;

namespace NavusoftSync.Synchronization.Push;

/// <summary>What a lifecycle notification asks of a link's registrations.</summary>
internal enum PushUpkeep
{
    /// <summary>Extend it (Graph <c>reauthorizationRequired</c>).</summary>
    Renew,

    /// <summary>Make it again (Graph <c>subscriptionRemoved</c>): the link's registrations are replaced.</summary>
    Recreate,
}

/// <summary>
/// What a verified notification does, and all it does: it never reads or writes items. A change wakes the link's sync:
/// the link's one "now" trigger is stored in Quartz's clustered store before the webhook answers (so a crash after the
/// answer loses nothing: another host, or this one restarted, fires it), coalescing with a run already queued. A
/// lifecycle notification marks the registration and fires the link's upkeep job.
/// </summary>
internal sealed class PushWakeups(IDocumentStore store, SyncScheduler scheduler, TimeProvider clock)
{
    public async Task WakeAsync(PushRoute route, CancellationToken cancellationToken)
    {
        await scheduler.TriggerNowAsync(route.TenantId, route.LinkId, SyncTrigger.Push, cancellationToken);
        await using var session = store.LightweightSession(route.TenantId);
        session.Store(new PushHeartbeat(route.LinkId, clock.GetUtcNow()));
        await session.SaveChangesAsync(cancellationToken);
    }

    public async Task RequestUpkeepAsync(PushRoute route, PushRegistration registration, PushUpkeep upkeep, CancellationToken cancellationToken)
    {
        await using (var session = store.LightweightSession(route.TenantId))
        {
            session.Store(upkeep == PushUpkeep.Renew ? registration with { RenewRequested = true } : registration with { Gone = true });
            await session.SaveChangesAsync(cancellationToken);
        }

        await scheduler.TriggerPushUpkeepAsync(route.TenantId, route.LinkId, cancellationToken);
    }
}
