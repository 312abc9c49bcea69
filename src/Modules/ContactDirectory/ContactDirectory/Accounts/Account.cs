namespace NavusoftSync.ContactDirectory.Accounts;

public sealed record Contact(string ContactId, string Name, string Email);

/// <summary>
/// An account of the tenant and its contacts: the write-side state of an account stream, and the
/// inline snapshot the account calls read. Contacts keep their insertion order.
/// </summary>
public sealed record Account(string Id, string Name, IReadOnlyList<Contact> Contacts)
{
    public static Account Create(AccountRegistered e) => new(e.AccountId, e.Name, []);

    public Account Apply(AccountRenamed e) => this with { Name = e.Name };

    public Account Apply(ContactAdded e) => this with { Contacts = [.. Contacts, new Contact(e.ContactId, e.Name, e.Email)] };

    public Account Apply(ContactRenamed e) => Replace(e.ContactId, c => c with { Name = e.Name });

    public Account Apply(ContactEmailChanged e) => Replace(e.ContactId, c => c with { Email = e.NewEmail, Name = e.Name });

    public Account Apply(ContactRemoved e) => this with { Contacts = [.. Contacts.Where(c => c.ContactId != e.ContactId)] };

    public Contact? FindContact(string contactId) => Contacts.FirstOrDefault(c => c.ContactId == contactId);

    private Account Replace(string contactId, Func<Contact, Contact> change) =>
        this with { Contacts = [.. Contacts.Select(c => c.ContactId == contactId ? change(c) : c)] };
}
