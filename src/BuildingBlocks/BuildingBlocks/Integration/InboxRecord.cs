namespace NavusoftSync.BuildingBlocks.Integration;

/// <summary>
/// Marks that one handler handled one integration event. Written in the same transaction as the
/// handler's own changes, so a redelivered event (at-least-once) is recognised and skipped.
/// </summary>
/// <param name="Id">"{handler}|{source event id}|{index}".</param>
public sealed record InboxRecord(string Id, string Handler, string EventType, long Sequence, DateTimeOffset HandledAt);
