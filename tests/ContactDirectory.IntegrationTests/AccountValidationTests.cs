using System.Net.Http.Json;
using System.Text;
using NavusoftSync.Testing;

namespace NavusoftSync.ContactDirectory.IntegrationTests;

public sealed class AccountValidationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _admin = fixture.ClientFor(Tokens.Admin("hauler-v"));

    private Task<HttpResponseMessage> PutAsync(object body) => _admin.PutAsJsonAsync($"/api/accounts/acc-{Guid.NewGuid():N}", body);

    [Fact]
    public async Task Bad_email_syntax() =>
        await (await PutAsync(Http.Account("Acme", ("c1", "Bob", "bob-at-acme.com")))).AssertValidationProblemAsync("contacts[0].email");

    [Fact]
    public async Task Missing_and_too_long_names()
    {
        await (await PutAsync(Http.Account(" ", ("c1", "Bob", "bob@acme.com")))).AssertValidationProblemAsync("name");
        await (await PutAsync(Http.Account(new string('a', 201)))).AssertValidationProblemAsync("name");
        await (await PutAsync(Http.Account("Acme", ("c1", new string('b', 201), "bob@acme.com")))).AssertValidationProblemAsync("contacts[0].name");
    }

    [Fact]
    public async Task More_than_500_contacts()
    {
        var contacts = Enumerable.Range(0, 501).Select(i => ($"c{i}", (string?)null, $"c{i}@acme.com")).ToArray();
        await (await PutAsync(Http.Account("Acme", contacts))).AssertValidationProblemAsync("contacts");
    }

    [Fact]
    public async Task Duplicate_contact_ids_and_emails_inside_one_account() =>
        await (await PutAsync(Http.Account("Acme", ("c1", "Bob", "bob@acme.com"), ("c1", "Other", "other@acme.com"), ("c3", "Twin", "BOB@acme.com ")))).AssertValidationProblemAsync("contacts[1].contactId", "contacts[2].email");

    [Fact]
    public async Task Missing_contact_fields() =>
        await (await PutAsync(new { name = "Acme", contacts = new[] { new { name = "No id or email" } } })).AssertValidationProblemAsync("contacts[0].contactId", "contacts[0].email");

    [Fact]
    public async Task Missing_contact_list() =>
        await (await PutAsync(new { name = "Acme" })).AssertValidationProblemAsync("contacts");

    [Fact]
    public async Task Malformed_json_is_a_400_not_a_500()
    {
        var response = await _admin.PutAsync($"/api/accounts/acc-x", new StringContent("{\"name\": \"Acme\", \"contacts\": [", Encoding.UTF8, "application/json"));
        await response.AssertValidationProblemAsync();
        var wrongType = await _admin.PutAsync($"/api/accounts/acc-x", new StringContent("{\"name\": 5, \"contacts\": []}", Encoding.UTF8, "application/json"));
        await wrongType.AssertValidationProblemAsync("name");
    }

    [Fact]
    public async Task Bad_contact_on_add_and_bad_lookup_address()
    {
        await _admin.PutAsJsonAsync("/api/accounts/acc-add", Http.Account("Acme"));
        await (await _admin.PostAsJsonAsync("/api/accounts/acc-add/contacts", new { contactId = "", email = "nope" })).AssertValidationProblemAsync("contactId", "email");
        await (await _admin.GetAsync("/api/contacts?email=not-an-address")).AssertValidationProblemAsync("email");
        await (await _admin.GetAsync("/api/contacts")).AssertValidationProblemAsync("email");
    }
}
