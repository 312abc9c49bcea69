using Marten;
using Marten.Events.Projections;
using NavusoftSync.ContactDirectory.Accounts;

namespace NavusoftSync.ContactDirectory.Lookup;

/// <summary>
/// One account contact's normalized address (per tenant), keyed "{accountId}/{contactId}": the
/// lookup read model. The address is a duplicated, indexed column, so a batch of addresses is one
/// indexed query, and every write is a blind upsert or delete (no read before write).
/// </summary>
public sealed record ContactEmailEntry(string Id, string Email, string AccountId, string ContactId, string Name)
{
    public static string KeyOf(string accountId, string contactId) => $"{accountId}/{contactId}";
}

/// <summary>Inline: the entries change in the same transaction as the account's events.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Marten's projection conventions are instance methods.")]
public sealed partial class ContactEmailEntryProjection : EventProjection
{
    public ContactEmailEntry Create(ContactAdded e) => new(ContactEmailEntry.KeyOf(e.AccountId, e.ContactId), e.Email, e.AccountId, e.ContactId, e.Name);

    public ContactEmailEntry Create(ContactRenamed e) => new(ContactEmailEntry.KeyOf(e.AccountId, e.ContactId), e.Email, e.AccountId, e.ContactId, e.Name);

    public ContactEmailEntry Create(ContactEmailChanged e) => new(ContactEmailEntry.KeyOf(e.AccountId, e.ContactId), e.NewEmail, e.AccountId, e.ContactId, e.Name);

    public void Project(ContactRemoved e, IDocumentOperations operations)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(operations);
        operations.Delete<ContactEmailEntry>(ContactEmailEntry.KeyOf(e.AccountId, e.ContactId));
    }
}
