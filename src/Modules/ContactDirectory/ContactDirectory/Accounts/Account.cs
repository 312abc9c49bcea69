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
    /// The name as the account search matches it (<see cref="Searching.AccountSearchText.Name"/>): a duplicated
    /// column with a trigram GIN index, written with the snapshot, so a rename is searchable in the same transaction.
    /// </summary>
    [JsonIgnore]
    public string SearchName => Searching.AccountSearchText.Name(Name);

    /// <summary>
    /// The same text in a second duplicated column with a btree index in byte order (<c>collate "C"</c>): "the name
    /// starts with q" is a range scan of it that reads names in page order, so a page of such matches costs a page of rows.
    /// </summary>
    [JsonIgnore]
    public string SearchNameOrdered => SearchName;

    /// <summary>
    /// The contacts' addresses and their domains as lexemes (<see cref="Searching.AccountSearchText.AddressTokens"/>): a duplicated
    /// <c>text[]</c> column with a GIN index over <c>array_to_tsvector</c>, so an address or domain prefix is a <c>tsquery</c> prefix lexeme.
    /// </summary>
    [JsonIgnore]
    public string[] SearchAddressTokens => Searching.AccountSearchText.AddressTokens(Emails);

    /// <summary>The contacts' addresses as the account search matches them, a trigram-indexed duplicated column.</summary>
    [JsonIgnore]
    public string SearchEmails => Searching.AccountSearchText.Emails(Emails);

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
