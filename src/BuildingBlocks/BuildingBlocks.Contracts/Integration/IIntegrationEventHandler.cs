namespace NavusoftSync.BuildingBlocks.Contracts.Integration;

/// <summary>
/// Handles an integration event published by another module. The handler runs in a scope whose
/// tenant is the event's tenant, and its Marten session commits together with the inbox record
/// that marks the event as handled, so a handler that only writes through that session sees each
/// event exactly once.
/// </summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IIntegrationEvent
{
    ValueTask Handle(TEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken);
}
