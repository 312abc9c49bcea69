using NavusoftSync.BuildingBlocks.Email;
using NavusoftSync.ContactDirectory.Contracts;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Matching;

/// <summary>Which accounts an item belongs to, and through which contact addresses.</summary>
internal sealed record ContactMatches(IReadOnlyDictionary<string, IReadOnlyList<string>> ByAccount)
{
    public static readonly ContactMatches None = new(new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal));

    public bool Any => ByAccount.Count > 0;

    /// <summary>Every normalized address of the participants (duplicates and blanks dropped).</summary>
    public static IReadOnlyList<string> AddressesOf(IEnumerable<Participant?> participants) =>
        [.. participants
            .Where(p => p is not null && !string.IsNullOrWhiteSpace(p.Address))
            .Select(p => EmailAddressRule.Normalize(p!.Address))
            .Distinct(StringComparer.Ordinal)];

    public static IReadOnlyList<string> AddressesOf<TItem>(TItem item)
        where TItem : IParticipantItem<TItem> => AddressesOf(item.Participants());

    /// <summary>Projects a lookup answer onto one item's addresses: account → the matched addresses, sorted.</summary>
    public static ContactMatches For(IEnumerable<string> addresses, IReadOnlyDictionary<string, IReadOnlyList<ContactMatch>> lookup)
    {
        var byAccount = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var address in addresses)
        {
            if (!lookup.TryGetValue(address, out var matches))
            {
                continue;
            }

            foreach (var match in matches)
            {
                if (!byAccount.TryGetValue(match.AccountId, out var set))
                {
                    byAccount[match.AccountId] = set = new SortedSet<string>(StringComparer.Ordinal);
                }

                set.Add(address);
            }
        }

        return new ContactMatches(byAccount.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)[.. a.Value], StringComparer.Ordinal));
    }
}
