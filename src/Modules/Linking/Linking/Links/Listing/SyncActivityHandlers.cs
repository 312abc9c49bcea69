using Marten;
using NavusoftSync.BuildingBlocks.Contracts.Integration;
using NavusoftSync.Synchronization.Contracts;

namespace NavusoftSync.Linking.Links.Listing;

/// <summary>
/// Keeps each link's <see cref="LinkSyncActivity"/> (status Syncing/Failed, last sync, counts) from
/// the Synchronization module's run events. Runs of one link arrive in order; the inbox makes each
/// event count once.
/// </summary>
internal sealed class SyncActivityHandlers(IDocumentSession session)
    : IIntegrationEventHandler<LinkSyncStarted>,
      IIntegrationEventHandler<LinkSyncCompleted>,
      IIntegrationEventHandler<LinkSyncFailed>
{
    public ValueTask Handle(LinkSyncStarted e, IntegrationEventContext context, CancellationToken cancellationToken) =>
        UpdateAsync(e.LinkId, a => a.Started(e.StartedAt), cancellationToken);

    public ValueTask Handle(LinkSyncCompleted e, IntegrationEventContext context, CancellationToken cancellationToken) =>
        UpdateAsync(e.LinkId, a => a.Succeeded(e.FinishedAt, e.EmailsRecorded, e.AppointmentsRecorded, e.ItemsSkipped), cancellationToken);

    public ValueTask Handle(LinkSyncFailed e, IntegrationEventContext context, CancellationToken cancellationToken) =>
        UpdateAsync(e.LinkId, a => a.Failed(e.FailedAt, e.Reason), cancellationToken);

    private async ValueTask UpdateAsync(string linkId, Func<LinkSyncActivity, LinkSyncActivity> change, CancellationToken cancellationToken)
    {
        var activity = await session.LoadAsync<LinkSyncActivity>(linkId, cancellationToken) ?? LinkSyncActivity.None(linkId);
        session.Store(change(activity));
    }
}
