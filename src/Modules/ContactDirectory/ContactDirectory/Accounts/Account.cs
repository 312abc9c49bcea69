using System.Text.Json.Serialization;

namespace NavusoftSync.ContactDirectory.Accounts;

public sealed record Contact(string ContactId, string Name, string Email);

/// <summary>
/// An account of the tenant and its contacts: the write-side state of an account stream, and the
/// inline snapshot the account calls and the email lookup read. Contacts keep their insertion order.
/// </summary>
public sealed record Account(string Id, string Name, IReadOnlyList<Contact> Contacts)
{
    /// <summary>
    /// The contacts' normalized addresses: stored beside the snapshot's JSON as a duplicated,
    /// GIN-indexed <c>text[]</c> column (not in the JSON itself), which the lookup searches.
    /// </summary>
    [JsonIgnore]
    public string[] Emails => [.. Contacts.Select(c => c.Email)];

    /// <summary>
    /// The name as the account search matches it (<see cref="Searching.AccountSearchText.Name"/>): a duplicated column with a
    /// btree index in byte order (<c>collate "C"</c>), so "the name starts with q" is a range scan that reads names in page
    /// order; also the ordering key of every page and the text a typo's similarity is measured against.
    /// </summary>
    [JsonIgnore]
    public string SearchNameOrdered => Searching.AccountSearchText.Name(Name);

    /// <summary>
    /// The distinct words of the name (<see cref="Searching.AccountSearchText.NameWords"/>): a duplicated <c>text[]</c> column
    /// with a GIN index over <c>array_to_tsvector</c>, so "every word of q starts a word of the name" is one <c>tsquery</c> of
    /// prefix lexemes, and the accounts holding a typo's candidate words are one <c>tsquery</c> of exact lexemes.
    /// </summary>
    [JsonIgnore]
    public string[] SearchNameWords => Searching.AccountSearchText.NameWords(Name);

    /// <summary>
    /// The contacts' addresses and their domains as lexemes (<see cref="Searching.AccountSearchText.AddressTokens"/>): a duplicated
    /// <c>text[]</c> column with a GIN index over <c>array_to_tsvector</c>, so an address or domain prefix is a <c>tsquery</c> prefix lexeme.
    /// </summary>
    [JsonIgnore]
    public string[] SearchAddressTokens => Searching.AccountSearchText.AddressTokens(Emails);

    /// <summary>
    /// The one evolve of an account stream: folds one event onto a state (null before registration). The deciders fold
    /// with it and Marten's inline snapshot (<see cref="AccountProjection"/>) calls it, so both hold the same state.
    /// </summary>
    public static Account? Fold(Account? state, object e) => (state, e) switch
    {
        (null, AccountRegistered x) => new(x.AccountId, x.Name, []),
        (not null, AccountRenamed x) => state with { Name = x.Name },
        (not null, ContactAdded x) => state with { Contacts = [.. state.Contacts, new Contact(x.ContactId, x.Name, x.Email)] },
        (not null, ContactRenamed x) => state.Replace(x.ContactId, c => c with { Name = x.Name }),
        (not null, ContactEmailChanged x) => state.Replace(x.ContactId, c => c with { Email = x.NewEmail, Name = x.Name }),
        (not null, ContactRemoved x) => state with { Contacts = [.. state.Contacts.Where(c => c.ContactId != x.ContactId)] },
        _ => state,
    };

    public Contact? FindContact(string contactId) => Contacts.FirstOrDefault(c => c.ContactId == contactId);

    private Account Replace(string contactId, Func<Contact, Contact> change) =>
        this with { Contacts = [.. Contacts.Select(c => c.ContactId == contactId ? change(c) : c)] };
}
