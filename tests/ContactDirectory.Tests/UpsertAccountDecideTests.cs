using NavusoftSync.ContactDirectory.Accounts;
using NavusoftSync.ContactDirectory.Accounts.Upserting;

namespace NavusoftSync.ContactDirectory.Tests;

public sealed class UpsertAccountDecideTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static Account Given(params object[] events) => events.Aggregate((Account?)null, Account.Fold)!;

    private static readonly Account Acme = Given(
        new AccountRegistered("a1", "Acme", Now),
        new ContactAdded("a1", "c1", "Bob", "bob@acme.com", Now),
        new ContactAdded("a1", "c2", "Ann", "ann@acme.com", Now));

    [Fact]
    public void A_new_account_is_registered_with_its_contacts_normalized()
    {
        var events = UpsertAccountHandler.Decide(
            new UpsertAccount("a1", " Acme ", [new ContactInput("c1", "Bob", "  Bob@ACME.com ")]), null, Now);

        Assert.Equal<object>(
            [new AccountRegistered("a1", "Acme", Now), new ContactAdded("a1", "c1", "Bob", "bob@acme.com", Now)],
            events);
    }

    [Fact]
    public void The_same_account_again_appends_nothing()
    {
        var events = UpsertAccountHandler.Decide(
            new UpsertAccount("a1", "Acme", [new ContactInput("c1", "Bob", "BOB@acme.com"), new ContactInput("c2", "Ann", "ann@acme.com ")]), Acme, Now);

        Assert.Empty(events);
    }

    [Fact]
    public void Differences_become_one_event_each_removals_first()
    {
        var events = UpsertAccountHandler.Decide(
            new UpsertAccount("a1", "Acme Waste", [
                new ContactInput("c1", "Robert", "bob@acme.com"),
                new ContactInput("c3", "Cy", "cy@acme.com"),
            ]),
            Acme,
            Now);

        Assert.Equal<object>(
            [
                new AccountRenamed("a1", "Acme Waste", Now),
                new ContactRemoved("a1", "c2", "ann@acme.com", Now),
                new ContactRenamed("a1", "c1", "bob@acme.com", "Robert", Now),
                new ContactAdded("a1", "c3", "Cy", "cy@acme.com", Now),
            ],
            events);
    }

    [Fact]
    public void A_changed_email_carries_old_and_new_address()
    {
        var events = UpsertAccountHandler.Decide(
            new UpsertAccount("a1", "Acme", [new ContactInput("c1", "Bob", "robert@acme.com"), new ContactInput("c2", "Ann", "ann@acme.com")]), Acme, Now);

        Assert.Equal<object>([new ContactEmailChanged("a1", "c1", "Bob", "bob@acme.com", "robert@acme.com", Now)], events);
        var after = Account.Fold(Acme, events[0])!;
        Assert.Equal("robert@acme.com", after.FindContact("c1")!.Email);
    }
}
