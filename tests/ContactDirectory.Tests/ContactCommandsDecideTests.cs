using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.ContactDirectory.Accounts;
using NavusoftSync.ContactDirectory.Accounts.AddingContact;
using NavusoftSync.ContactDirectory.Accounts.RemovingContact;

namespace NavusoftSync.ContactDirectory.Tests;

public sealed class ContactCommandsDecideTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static readonly Account Acme = new object[] { new AccountRegistered("a1", "Acme", Now), new ContactAdded("a1", "c1", "Bob", "bob@acme.com", Now) }
        .Aggregate((Account?)null, Account.Fold)!;

    [Fact]
    public void Adding_a_contact_normalizes_its_email()
    {
        var events = AddContactHandler.Decide(new AddContact("a1", "c2", "Ann", " Ann@Acme.com"), Acme, Now);
        Assert.Equal<object>([new ContactAdded("a1", "c2", "Ann", "ann@acme.com", Now)], events);
    }

    [Fact]
    public void Adding_the_same_contact_again_changes_nothing() =>
        Assert.Empty(AddContactHandler.Decide(new AddContact("a1", "c1", "Bob", "BOB@acme.com"), Acme, Now));

    [Fact]
    public void Adding_to_a_missing_account_is_not_found()
    {
        var error = Assert.Throws<DomainException>(() => AddContactHandler.Decide(new AddContact("a1", "c2", "Ann", "ann@acme.com"), null, Now));
        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
        Assert.Equal("Account 'a1' was not found.", error.Message);
    }

    [Fact]
    public void Adding_another_contact_under_a_taken_id_conflicts_without_naming_an_http_call()
    {
        var error = Assert.Throws<DomainException>(() => AddContactHandler.Decide(new AddContact("a1", "c1", "Bobby", "bob@acme.com"), Acme, Now));
        Assert.Equal(DomainErrorKind.Conflict, error.Kind);
        Assert.Equal("Contact exists", error.Title);
        Assert.Equal("Contact 'c1' already exists with other details.", error.Message);
    }

    [Fact]
    public void Adding_a_taken_email_breaks_a_rule_about_the_email()
    {
        var error = Assert.Throws<DomainException>(() => AddContactHandler.Decide(new AddContact("a1", "c2", "Twin", "bob@acme.com"), Acme, Now));
        Assert.Equal(DomainErrorKind.RuleViolated, error.Kind);
        Assert.Equal(new RuleViolation("Email", "Another contact of this account has the same email."), Assert.Single(error.Violations));
    }

    [Fact]
    public void Adding_beyond_the_contact_limit_breaks_a_rule_about_the_contact_id()
    {
        var full = Enumerable.Range(2, 499).Aggregate(Acme, (account, i) => Account.Fold(account, new ContactAdded("a1", $"c{i}", "", $"c{i}@acme.com", Now))!);

        var error = Assert.Throws<DomainException>(() => AddContactHandler.Decide(new AddContact("a1", "c501", "One more", "more@acme.com"), full, Now));

        Assert.Equal(500, full.Contacts.Count);
        Assert.Equal(DomainErrorKind.RuleViolated, error.Kind);
        Assert.Equal("ContactId", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Removing_a_contact_carries_its_email() =>
        Assert.Equal<object>([new ContactRemoved("a1", "c1", "bob@acme.com", Now)], RemoveContactHandler.Decide(new RemoveContact("a1", "c1"), Acme, Now));

    [Fact]
    public void Removing_an_unknown_contact_is_not_found() =>
        Assert.Equal(DomainErrorKind.NotFound, Assert.Throws<DomainException>(() => RemoveContactHandler.Decide(new RemoveContact("a1", "zz"), Acme, Now)).Kind);
}
