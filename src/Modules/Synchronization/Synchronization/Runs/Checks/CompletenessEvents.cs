namespace NavusoftSync.Synchronization.Runs.Checks;

/// <summary>
/// A completeness check of a link ended: appended to the link's sync stream with the check run's completed event, in its
/// transaction. Counts only, never an item's content.
/// </summary>
/// <param name="Expected">Items the provider has in the checked window that involve the tenant's contacts and qualify to be stored.</param>
/// <param name="Present">Of those, items the link had stored before the check.</param>
/// <param name="Repaired">Of those, items missing until the check recorded them.</param>
internal sealed record LinkCompletenessChecked(string LinkId, string RunId, DateTimeOffset CheckedAt, int Expected, int Present, int Repaired);
