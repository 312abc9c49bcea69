using Marten;
using NavusoftSync.BuildingBlocks.Contracts.Integration;
using NavusoftSync.BuildingBlocks.Mediation;
using NavusoftSync.ContactDirectory.Contracts;
using NavusoftSync.Synchronization.Jobs;
using NavusoftSync.Synchronization.Links;
using NavusoftSync.Synchronization.Runs;

namespace NavusoftSync.Synchronization.Contacts;

/// <summary>
/// Contacts change in both directions. A contact address that leaves an
/// account takes the items that matched only through it off that account's calendar; one that
/// appears puts the recorded items it takes part in on it, and asks every active link of the tenant
/// to look back through its mailbox and calendar for that address at once.
/// </summary>
internal sealed class ContactEventHandlers(
    IDocumentSession session, UnitOfWork unitOfWork, ContactChangeRecorder recorder, SyncScheduler scheduler, TimeProvider clock)
    : IIntegrationEventHandler<ContactEmailAppeared>,
      IIntegrationEventHandler<ContactEmailDisappeared>
{
    public async ValueTask Handle(ContactEmailAppeared e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        await recorder.ApplyAsync(e.AccountId, e.Email, appeared: true, cancellationToken);
        var active = await session.Query<SyncedLink>().Where(l => l.Active).ToListAsync(cancellationToken);
        var cursors = active.Count == 0
            ? new Dictionary<string, SyncCursors>()
            : (await session.LoadManyAsync<SyncCursors>(cancellationToken, active.Select(l => l.Id))).ToDictionary(c => c.Id, StringComparer.Ordinal);

        // A link whose mailbox and calendar were both read in full after this contact event was committed
        // matched the address already: no request, no run (a contact import delivered after a first sync).
        var links = active
            .Where(l => !(cursors.TryGetValue(l.Id, out var c) && c.MailCovers(context.Sequence) && c.CalendarCovers(context.Sequence)))
            .ToList();
        foreach (var link in links)
        {
            session.Store(LookbackRequest.For(link.Id, e.Email, clock.GetUtcNow(), context.Sequence));
        }

        // Once the requests are committed, so the runs see them; if the process dies first, each link's
        // next scheduled run does the look-back.
        unitOfWork.AfterCommit(async ct =>
        {
            foreach (var link in links)
            {
                await scheduler.TriggerNowAsync(context.TenantId, link.Id, SyncTrigger.Lookback, ct);
            }
        });
    }

    public async ValueTask Handle(ContactEmailDisappeared e, IntegrationEventContext context, CancellationToken cancellationToken) =>
        await recorder.ApplyAsync(e.AccountId, e.Email, appeared: false, cancellationToken);
}
