using NavusoftSync.BuildingBlocks.Email;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Providers.Reading;

/// <summary>The look-back search's addresses: checked before they go into a provider query, matched exactly on the answers.</summary>
internal static class SearchAddresses
{
    /// <summary>
    /// Addresses per provider search: Gmail's <c>q</c> then stays near 1,500 characters (three terms per address) and
    /// Graph's KQL near 700, well inside what either accepts.
    /// </summary>
    public const int MaxPerSearch = 10;

    /// <summary>The trimmed, distinct addresses (1 to <see cref="MaxPerSearch"/>), each a plain e-mail address.</summary>
    public static IReadOnlyList<string> Require(IReadOnlyCollection<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var required = addresses.Select(RequireOne).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return required.Count is > 0 and <= MaxPerSearch
            ? required
            : throw new ArgumentException($"A search takes 1 to {MaxPerSearch} addresses.", nameof(addresses));
    }

    /// <summary>
    /// The trimmed address; throws unless <see cref="EmailAddressRule"/> accepts it (the rule every contact address passed,
    /// and one that admits no whitespace, quotes, parentheses or backslashes) and it has no braces, since it is spliced
    /// into KQL / Gmail queries.
    /// </summary>
    private static string RequireOne(string address)
    {
        var trimmed = (address ?? string.Empty).Trim();
        if (!EmailAddressRule.IsValid(trimmed) || trimmed.Any(c => c is '{' or '}'))
        {
            throw new ArgumentException("The search needs a plain e-mail address.", nameof(address));
        }

        return trimmed;
    }

    /// <summary>True when one of the addresses is the message's from, to or cc (case-insensitive): provider search is fuzzier than that.</summary>
    public static bool InvolvesAny(MailItem item, IReadOnlyList<string> addresses) =>
        new[] { item.From }.Concat(item.To).Concat(item.Cc)
            .Any(p => p is not null && addresses.Contains(p.Address.Trim(), StringComparer.OrdinalIgnoreCase));
}
