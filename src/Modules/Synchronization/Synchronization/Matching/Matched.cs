namespace NavusoftSync.Synchronization.Matching;

/// <summary>A provider item (message or occurrence) that matched at least one account contact, with its matches.</summary>
internal sealed record Matched<TItem>(TItem Item, ContactMatches Matches);
