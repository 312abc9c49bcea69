using JasperFx.Events;
using Microsoft.Extensions.Logging;
using NavusoftSync.BuildingBlocks.Contracts.Integration;
using NavusoftSync.BuildingBlocks.Integration;
using NavusoftSync.Linking.Contracts;
using NavusoftSync.Linking.Links;

namespace NavusoftSync.Linking.Integration;

/// <summary>Publishes the link lifecycle to other modules (the Synchronization module starts, runs and stops syncs from it).</summary>
internal sealed class LinkingPublisher(IntegrationEventDispatcher dispatcher, ILogger<LinkingPublisher> logger)
    : IntegrationEventSubscription(dispatcher, logger)
{
    public const string SubscriptionName = "linking_publisher";

    public static readonly Type[] PublishedFrom = [typeof(Linked), typeof(Relinked), typeof(Unlinked), typeof(ReauthRequired), typeof(SyncRequested)];

    protected override IEnumerable<IIntegrationEvent> Map(IEvent storedEvent) => Map(storedEvent.Data);

    internal static IEnumerable<IIntegrationEvent> Map(object data) => data switch
    {
        Linked e => [new LinkEstablished(e.LinkId, e.UserId, e.Provider, e.ExternalAccount, Relinked: false)],
        Relinked e => [new LinkEstablished(e.LinkId, e.UserId, e.Provider, e.ExternalAccount, Relinked: true)],
        Unlinked e => [new LinkUnlinked(e.LinkId, e.UserId, e.Provider)],
        ReauthRequired e => [new LinkReauthRequired(e.LinkId, e.UserId, e.Provider, e.Reason)],
        SyncRequested e => [new LinkSyncRequested(e.LinkId, e.UserId, e.Provider)],
        _ => [],
    };
}
