using Marten;
using NavusoftSync.BuildingBlocks.Contracts.Integration;
using NavusoftSync.BuildingBlocks.Mediation;
using NavusoftSync.Synchronization.Contacts;
using NavusoftSync.Synchronization.Jobs;
using NavusoftSync.Synchronization.Links;
using NavusoftSync.Synchronization.Runs;

namespace NavusoftSync.Synchronization.Privacy.Review;

/// <summary>
/// Looks back for what a looser rule lets in, on every active link the change concerns (the tenant's: all; a user's: that
/// user's): a <see cref="LookbackRequest"/> per unblocked address (the run searches the mail window for it and reads the
/// calendar window again), then a run with trigger <c>Lookback</c> once the requests are committed. A wider change is
/// what no address search covers: it asks each link's run the same way, the place where the completeness check
/// (<c>SyncScheduler.TriggerCheckAsync</c>) takes over once it exists.
/// </summary>
internal sealed class PrivacyLookback(IDocumentSession session, UnitOfWork unitOfWork, SyncScheduler scheduler, TimeProvider clock)
{
    public async Task RequestAsync(Loosening loosening, string? userId, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (loosening.IsNone)
        {
            return;
        }

        var links = (await session.Query<SyncedLink>().Where(l => l.Active).ToListAsync(cancellationToken))
            .Where(l => userId is null || l.UserId == userId)
            .ToList();
        var now = clock.GetUtcNow();
        foreach (var link in links)
        {
            foreach (var address in loosening.Addresses)
            {
                session.Store(LookbackRequest.For(link.Id, address, now, context.Sequence));
            }
        }

        unitOfWork.AfterCommit(async ct =>
        {
            foreach (var link in links)
            {
                await (loosening.Wider ? RequestWiderAsync(context.TenantId, link.Id, ct) : scheduler.TriggerNowAsync(context.TenantId, link.Id, SyncTrigger.Lookback, ct));
            }
        });
    }

    /// <summary>
    /// What no address search finds (an unblocked domain, internal-only or bulk mail let in again): the link's completeness
    /// check searches every contact's mail of its window and records what qualifies now.
    /// </summary>
    private Task RequestWiderAsync(string tenantId, string linkId, CancellationToken cancellationToken) =>
        scheduler.TriggerCheckAsync(tenantId, linkId, cancellationToken);
}
