namespace NavusoftSync.BuildingBlocks.Contracts.Integration;

/// <summary>
/// A fact one module publishes for others. Published by a Marten subscription after the
/// transaction that produced it committed; delivered at least once, deduplicated per handler.
/// </summary>
public interface IIntegrationEvent;
