using Marten.Events.Projections;
using NavusoftSync.ContactDirectory.Accounts;

namespace NavusoftSync.ContactDirectory.Lookup;

public sealed record ContactEmailEntry(string AccountId, string ContactId, string Name);

/// <summary>
/// One normalized email address and the account contacts that have it (per tenant). The lookup
/// read model; deleted when its last contact goes.
/// </summary>
public sealed record ContactEmailIndex(string Id, IReadOnlyList<ContactEmailEntry> Entries);

/// <summary>Inline multi-stream projection: the key is the email carried on each event.</summary>
public sealed class ContactEmailIndexProjection : MultiStreamProjection<ContactEmailIndex, string>
{
    public ContactEmailIndexProjection()
    {
        Identity<ContactAdded>(e => e.Email);
        Identity<ContactRenamed>(e => e.Email);
        Identity<ContactRemoved>(e => e.Email);
        Identities<ContactEmailChanged>(e => [e.OldEmail, e.NewEmail]);
    }

    public override ContactEmailIndex? Evolve(ContactEmailIndex? snapshot, string id, JasperFx.Events.IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var entries = snapshot?.Entries ?? [];
        var changed = e.Data switch
        {
            ContactAdded a => Upsert(entries, new ContactEmailEntry(a.AccountId, a.ContactId, a.Name)),
            ContactRenamed r => Upsert(entries, new ContactEmailEntry(r.AccountId, r.ContactId, r.Name)),
            ContactRemoved r => Remove(entries, r.AccountId, r.ContactId),
            ContactEmailChanged c when id == c.NewEmail => Upsert(entries, new ContactEmailEntry(c.AccountId, c.ContactId, c.Name)),
            ContactEmailChanged c => Remove(entries, c.AccountId, c.ContactId),
            _ => entries,
        };
        return changed.Count == 0 ? null : new ContactEmailIndex(id, changed);
    }

    private static IReadOnlyList<ContactEmailEntry> Upsert(IReadOnlyList<ContactEmailEntry> entries, ContactEmailEntry entry) =>
        [.. entries.Where(x => x.AccountId != entry.AccountId || x.ContactId != entry.ContactId), entry];

    private static IReadOnlyList<ContactEmailEntry> Remove(IReadOnlyList<ContactEmailEntry> entries, string accountId, string contactId) =>
        [.. entries.Where(x => x.AccountId != accountId || x.ContactId != contactId)];
}
