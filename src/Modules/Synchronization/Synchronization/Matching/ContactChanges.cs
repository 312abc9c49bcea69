namespace NavusoftSync.Synchronization.Matching;

/// <summary>
/// How one contact address appearing on (or leaving) an account changes an item's matched
/// addresses for that account. Only that account and that address are touched: the other
/// accounts, and the addresses matched for other reasons, stay as recorded.
/// </summary>
internal static class ContactChanges
{
    /// <returns>The account's new matched addresses (sorted), or null when the address already matched it.</returns>
    public static IReadOnlyList<string>? Widen(IReadOnlyDictionary<string, IReadOnlyList<string>> accounts, string accountId, string address)
    {
        var known = accounts.GetValueOrDefault(accountId) ?? [];
        return known.Contains(address, StringComparer.Ordinal) ? null : [.. known.Append(address).Order(StringComparer.Ordinal)];
    }

    /// <returns>
    /// Null when the address did not match the account (nothing changes); else the addresses that still
    /// match it, empty when none does (the item leaves the account's calendar).
    /// </returns>
    public static IReadOnlyList<string>? Narrow(IReadOnlyDictionary<string, IReadOnlyList<string>> accounts, string accountId, string address) =>
        accounts.TryGetValue(accountId, out var known) && known.Contains(address, StringComparer.Ordinal)
            ? [.. known.Where(a => !string.Equals(a, address, StringComparison.Ordinal))]
            : null;
}
