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

    public static Account Create(AccountRegistered e) => new(e.AccountId, e.Name, []);

    public Account Apply(AccountRenamed e) => this with { Name = e.Name };

    public Account Apply(ContactAdded e) => this with { Contacts = [.. Contacts, new Contact(e.ContactId, e.Name, e.Email)] };

    public Account Apply(ContactRenamed e) => Replace(e.ContactId, c => c with { Name = e.Name });

    public Account Apply(ContactEmailChanged e) => Replace(e.ContactId, c => c with { Email = e.NewEmail, Name = e.Name });

    public Account Apply(ContactRemoved e) => this with { Contacts = [.. Contacts.Where(c => c.ContactId != e.ContactId)] };

    /// <summary>Folds one event onto a state (null before registration), as Marten does.</summary>
    public static Account? Fold(Account? state, object e) => (state, e) switch
    {
        (null, AccountRegistered x) => Create(x),
        (not null, AccountRenamed x) => state.Apply(x),
        (not null, ContactAdded x) => state.Apply(x),
        (not null, ContactRenamed x) => state.Apply(x),
        (not null, ContactEmailChanged x) => state.Apply(x),
        (not null, ContactRemoved x) => state.Apply(x),
        _ => state,
    };

    public Contact? FindContact(string contactId) => Contacts.FirstOrDefault(c => c.ContactId == contactId);

    private Account Replace(string contactId, Func<Contact, Contact> change) =>
        this with { Contacts = [.. Contacts.Select(c => c.ContactId == contactId ? change(c) : c)] };
}
