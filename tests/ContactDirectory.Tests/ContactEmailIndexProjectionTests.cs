using JasperFx.Events;
using NavusoftSync.ContactDirectory.Accounts;
using NavusoftSync.ContactDirectory.Lookup;

namespace NavusoftSync.ContactDirectory.Tests;

public sealed class ContactEmailIndexProjectionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;
    private readonly ContactEmailIndexProjection _projection = new();

    private ContactEmailIndex? Evolve(ContactEmailIndex? state, string id, object data) => _projection.Evolve(state, id, new Event<object>(data));

    [Fact]
    public void One_address_collects_contacts_of_several_accounts_and_is_deleted_with_the_last()
    {
        var index = Evolve(null, "bob@acme.com", new ContactAdded("a1", "c1", "Bob", "bob@acme.com", Now));
        index = Evolve(index, "bob@acme.com", new ContactAdded("a2", "c9", "Bob", "bob@acme.com", Now));
        Assert.Equal(2, index!.Entries.Count);

        index = Evolve(index, "bob@acme.com", new ContactRenamed("a2", "c9", "bob@acme.com", "Robert", Now));
        Assert.Contains(new ContactEmailEntry("a2", "c9", "Robert"), index!.Entries);

        index = Evolve(index, "bob@acme.com", new ContactRemoved("a1", "c1", "bob@acme.com", Now));
        index = Evolve(index, "bob@acme.com", new ContactEmailChanged("a2", "c9", "Robert", "bob@acme.com", "rob@acme.com", Now));
        Assert.Null(index);
    }

    [Fact]
    public void A_changed_email_lands_on_the_new_address()
    {
        var index = Evolve(null, "rob@acme.com", new ContactEmailChanged("a2", "c9", "Robert", "bob@acme.com", "rob@acme.com", Now));
        Assert.Equal([new ContactEmailEntry("a2", "c9", "Robert")], index!.Entries);
    }
}
