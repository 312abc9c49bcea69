using NavusoftSync.ContactDirectory.Accounts;
using NavusoftSync.ContactDirectory.Lookup;

namespace NavusoftSync.ContactDirectory.Tests;

public sealed class ContactEmailEntryProjectionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;
    private readonly ContactEmailEntryProjection _projection = new();

    [Fact]
    public void Every_contact_event_with_an_address_writes_the_contacts_entry_under_one_key()
    {
        Assert.Equal(new ContactEmailEntry("a1/c1", "bob@acme.com", "a1", "c1", "Bob"), _projection.Create(new ContactAdded("a1", "c1", "Bob", "bob@acme.com", Now)));
        Assert.Equal(new ContactEmailEntry("a1/c1", "bob@acme.com", "a1", "c1", "Robert"), _projection.Create(new ContactRenamed("a1", "c1", "bob@acme.com", "Robert", Now)));
        Assert.Equal(new ContactEmailEntry("a1/c1", "rob@acme.com", "a1", "c1", "Robert"), _projection.Create(new ContactEmailChanged("a1", "c1", "Robert", "bob@acme.com", "rob@acme.com", Now)));
    }

    [Theory]
    [InlineData("a/1", "c1")]
    [InlineData("a1", "c/1")]
    public void Ids_cannot_hold_the_key_separator_so_keys_never_collide(string accountId, string contactId) =>
        Assert.False(new Accounts.Upserting.UpsertAccountValidator()
            .Validate(new Accounts.Upserting.UpsertAccount(accountId, "Acme", [new Accounts.Upserting.ContactInput(contactId, null, "x@y.com")])).IsValid);
}
