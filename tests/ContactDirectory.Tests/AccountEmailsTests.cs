using System.Text.Json;
using NavusoftSync.ContactDirectory.Accounts;

namespace NavusoftSync.ContactDirectory.Tests;

public sealed class AccountEmailsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    [Fact]
    public void The_indexed_addresses_follow_every_contact_change()
    {
        var account = new object[]
        {
            new AccountRegistered("a1", "Acme", Now),
            new ContactAdded("a1", "c1", "Bob", "bob@acme.com", Now),
            new ContactAdded("a1", "c2", "Ann", "ann@acme.com", Now),
            new ContactAdded("a1", "c3", "Cy", "cy@acme.com", Now),
            new ContactEmailChanged("a1", "c1", "Bob", "bob@acme.com", "robert@acme.com", Now),
            new ContactRemoved("a1", "c2", "ann@acme.com", Now),
            new ContactRenamed("a1", "c3", "cy@acme.com", "Cyril", Now),
        }.Aggregate((Account?)null, Account.Fold)!;

        Assert.Equal(["robert@acme.com", "cy@acme.com"], account.Emails);
        Assert.Empty(new Account("a2", "Empty", []).Emails);
    }

    [Fact]
    public void The_addresses_are_a_column_beside_the_json_not_part_of_it()
    {
        var json = JsonSerializer.Serialize(new Account("a1", "Acme", [new Contact("c1", "Bob", "bob@acme.com")]), JsonSerializerOptions.Web);

        Assert.DoesNotContain("emails", json, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["bob@acme.com"], JsonSerializer.Deserialize<Account>(json, JsonSerializerOptions.Web)!.Emails);
    }
}
