using NavusoftSync.ContactDirectory.Accounts.Upserting;
using NavusoftSync.ContactDirectory.Accounts.Validation;

namespace NavusoftSync.ContactDirectory.Tests;

public sealed class ValidationTests
{
    private static readonly UpsertAccountValidator Validator = new();

    /// <summary>The syntax itself is BuildingBlocks' <c>EmailAddressRule</c> (tested there); this is the validator's wording.</summary>
    [Theory]
    [InlineData("  Bob.Smith+crm@Acme.co.uk ", new string[0])]
    [InlineData("bob@bücher.de", new string[0])]
    [InlineData("bob@acme", new[] { "Must be a valid email address." })]
    [InlineData("\"bob\"@acme.com", new[] { "Must be a valid email address." })]
    [InlineData("bob.@acme.com", new[] { "Must be a valid email address." })]
    [InlineData("  ", new[] { "Required." })]
    [InlineData(null, new[] { "Required." })]
    public void A_contact_email_is_required_and_well_formed(string? email, string[] messages) =>
        Assert.Equal(messages, Validator.Validate(new UpsertAccount("a1", "Acme", [new ContactInput("c1", null, email)]))
            .Errors.Where(e => e.PropertyName == "Contacts[0].Email").Select(e => e.ErrorMessage));

    [Fact]
    public void Each_rule_reports_its_field()
    {
        var result = Validator.Validate(new UpsertAccount("a1", new string('n', 201), [
            new ContactInput("c1", "Bob", "bob@acme.com"),
            new ContactInput("c1", "Bob 2", "other@acme.com"),
            new ContactInput("c3", "Twin", " BOB@acme.com"),
            new ContactInput("", new string('x', 201), "not-an-email"),
        ]));

        var fields = result.Errors.Select(e => e.PropertyName).ToHashSet();
        Assert.Contains("Name", fields);
        Assert.Contains("Contacts[1].ContactId", fields);
        Assert.Contains("Contacts[2].Email", fields);
        Assert.Contains("Contacts[3].ContactId", fields);
        Assert.Contains("Contacts[3].Name", fields);
        Assert.Contains("Contacts[3].Email", fields);
    }

    [Fact]
    public void At_most_500_contacts()
    {
        var contacts = Enumerable.Range(0, 501).Select(i => new ContactInput($"c{i}", null, $"c{i}@acme.com")).ToList();
        Assert.Contains(Validator.Validate(new UpsertAccount("a1", "Acme", contacts)).Errors, e => e.PropertyName == "Contacts");
        Assert.True(Validator.Validate(new UpsertAccount("a1", "Acme", contacts[..500])).IsValid);
    }

    [Theory]
    [InlineData("a/1", "c1")]
    [InlineData("a1", "c/1")]
    public void Ids_cannot_hold_a_slash(string accountId, string contactId) =>
        Assert.False(Validator.Validate(new UpsertAccount(accountId, "Acme", [new ContactInput(contactId, null, "x@y.com")])).IsValid);

    [Fact]
    public void A_missing_contact_list_is_an_error() =>
        Assert.Contains(Validator.Validate(new UpsertAccount("a1", "Acme", null)).Errors, e => e.PropertyName == "Contacts");
}
