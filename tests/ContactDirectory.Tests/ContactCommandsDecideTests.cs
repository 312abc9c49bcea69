using FluentValidation;
using NavusoftSync.BuildingBlocks.Errors;
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
    public void Adding_to_a_missing_account_is_not_found() =>
        Assert.Throws<NotFoundException>(() => AddContactHandler.Decide(new AddContact("a1", "c2", "Ann", "ann@acme.com"), null, Now));

    [Fact]
    public void Adding_another_contact_under_a_taken_id_conflicts() =>
        Assert.Equal(409, Assert.Throws<ProblemException>(() => AddContactHandler.Decide(new AddContact("a1", "c1", "Bobby", "bob@acme.com"), Acme, Now)).Status);

    [Fact]
    public void Adding_a_taken_email_is_a_validation_error()
    {
        var error = Assert.Throws<ValidationException>(() => AddContactHandler.Decide(new AddContact("a1", "c2", "Twin", "bob@acme.com"), Acme, Now));
        Assert.Equal("Email", Assert.Single(error.Errors).PropertyName);
    }

    [Fact]
    public void Removing_a_contact_carries_its_email() =>
        Assert.Equal<object>([new ContactRemoved("a1", "c1", "bob@acme.com", Now)], RemoveContactHandler.Decide(new RemoveContact("a1", "c1"), Acme, Now));

    [Fact]
    public void Removing_an_unknown_contact_is_not_found() =>
        Assert.Throws<NotFoundException>(() => RemoveContactHandler.Decide(new RemoveContact("a1", "zz"), Acme, Now));
}
