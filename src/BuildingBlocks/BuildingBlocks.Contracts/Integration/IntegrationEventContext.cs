namespace NavusoftSync.BuildingBlocks.Contracts.Integration;

/// <summary>Where an integration event came from: the stored event that caused it.</summary>
/// <param name="EventId">Id of the stored event the integration event was derived from (the causation of what its handlers append).</param>
/// <param name="TenantId">Tenant the event belongs to.</param>
/// <param name="Sequence">Global sequence of the stored event.</param>
/// <param name="Timestamp">When the stored event was committed.</param>
public sealed record IntegrationEventContext(Guid EventId, string TenantId, long Sequence, DateTimeOffset Timestamp)
{
    /// <summary>The stored event's correlation id (its request or sync run), carried over to what handlers append.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The user who caused the stored event (a <c>sub</c>, or <c>system:sync</c>), carried over to what handlers append.</summary>
    public string? UserName { get; init; }
}
