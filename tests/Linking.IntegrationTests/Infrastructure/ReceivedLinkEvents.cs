using System.Collections.Concurrent;
using NavusoftSync.BuildingBlocks.Contracts.Integration;
using NavusoftSync.Linking.Contracts;

namespace NavusoftSync.Linking.IntegrationTests.Infrastructure;

/// <summary>What another module (Synchronization, later) would receive from Linking, with the tenant of each event.</summary>
public sealed class ReceivedLinkEvents
{
    private readonly ConcurrentQueue<(string Tenant, IIntegrationEvent Event)> _events = new();

    public IReadOnlyList<(string Tenant, IIntegrationEvent Event)> All => [.. _events];

    public IReadOnlyList<T> Of<T>(string linkId)
        where T : IIntegrationEvent =>
        [.. _events.Select(e => e.Event).OfType<T>().Where(e => LinkIdOf(e) == linkId)];

    internal void Add(string tenant, IIntegrationEvent e) => _events.Enqueue((tenant, e));

    private static string? LinkIdOf(IIntegrationEvent e) => e switch
    {
        LinkEstablished x => x.LinkId,
        LinkUnlinked x => x.LinkId,
        LinkReauthRequired x => x.LinkId,
        LinkSyncRequested x => x.LinkId,
        _ => null,
    };
}

/// <summary>Stands for the Synchronization module's handlers of Linking's events.</summary>
internal sealed class RecordingLinkEventHandler(ReceivedLinkEvents received)
    : IIntegrationEventHandler<LinkEstablished>, IIntegrationEventHandler<LinkUnlinked>,
      IIntegrationEventHandler<LinkReauthRequired>, IIntegrationEventHandler<LinkSyncRequested>
{
    public ValueTask Handle(LinkEstablished e, IntegrationEventContext context, CancellationToken cancellationToken) => Record(e, context);

    public ValueTask Handle(LinkUnlinked e, IntegrationEventContext context, CancellationToken cancellationToken) => Record(e, context);

    public ValueTask Handle(LinkReauthRequired e, IntegrationEventContext context, CancellationToken cancellationToken) => Record(e, context);

    public ValueTask Handle(LinkSyncRequested e, IntegrationEventContext context, CancellationToken cancellationToken) => Record(e, context);

    private ValueTask Record(IIntegrationEvent e, IntegrationEventContext context)
    {
        received.Add(context.TenantId, e);
        return ValueTask.CompletedTask;
    }
}
