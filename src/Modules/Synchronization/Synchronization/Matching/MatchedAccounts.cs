namespace NavusoftSync.Synchronization.Matching;

/// <summary>
/// How a copy's matched addresses add to an item's matched accounts: an account keeps every address that ever matched
/// it (a copy never narrows; only a contact change does, see <see cref="ContactChanges"/>).
/// </summary>
internal static class MatchedAccounts
{
    /// <returns>Each account whose matched addresses grow, with all of them (sorted ordinally).</returns>
    public static IEnumerable<(string AccountId, IReadOnlyList<string> Addresses)> Widened(
        IReadOnlyDictionary<string, IReadOnlyList<string>>? known, IEnumerable<(string AccountId, IReadOnlyList<string> Addresses)> matched)
    {
        foreach (var (accountId, addresses) in matched)
        {
            var before = known?.GetValueOrDefault(accountId) ?? [];
            var union = before.Union(addresses, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (union.Count != before.Count)
            {
                yield return (accountId, union);
            }
        }
    }
}
