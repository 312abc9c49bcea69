using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.Testing;

namespace NavusoftSync.ContactDirectory.IntegrationTests;

/// <summary>
/// The directory's deciders raise domain errors; the HTTP edge turns them into these exact
/// problem answers (title, detail, field errors), the same words callers have always read.
/// </summary>
public sealed class RefusalAnswerTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Tenant = "hauler-refusals";
    private readonly HttpClient _admin = fixture.ClientFor(Tokens.Admin(Tenant));

    [Fact]
    public async Task Another_contact_under_a_taken_id_is_a_409_naming_the_put_that_changes_it()
    {
        var id = await NewAccountAsync();

        var answer = await _admin.PostAsJsonAsync($"/api/accounts/{id}/contacts", new { contactId = " c1 ", name = "Bobby", email = "bob@acme.com" });

        var problem = await ProblemAsync(answer, HttpStatusCode.Conflict);
        Assert.Equal("Contact exists", problem.GetProperty("title").GetString());
        Assert.Equal($"Contact 'c1' already exists with other details; use PUT /api/accounts/{id} to change it.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_contact_or_account_is_a_404_naming_it()
    {
        var id = await NewAccountAsync();

        var contact = await ProblemAsync(await _admin.DeleteAsync($"/api/accounts/{id}/contacts/c9"), HttpStatusCode.NotFound);
        var account = await ProblemAsync(
            await _admin.PostAsJsonAsync("/api/accounts/acc-missing/contacts", new { contactId = "c1", name = "Bob", email = "bob@acme.com" }), HttpStatusCode.NotFound);

        Assert.Equal(("Not found", "Contact 'c9' was not found."), (contact.GetProperty("title").GetString(), contact.GetProperty("detail").GetString()));
        Assert.Equal(("Not found", "Account 'acc-missing' was not found."), (account.GetProperty("title").GetString(), account.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_taken_email_and_a_malformed_one_are_400s_with_the_field_and_its_message()
    {
        var id = await NewAccountAsync();

        var taken = await ProblemAsync(
            await _admin.PostAsJsonAsync($"/api/accounts/{id}/contacts", new { contactId = "c2", name = "Twin", email = " BOB@acme.com" }), HttpStatusCode.BadRequest);
        var malformed = await ProblemAsync(
            await _admin.PostAsJsonAsync($"/api/accounts/{id}/contacts", new { contactId = "c2", name = "Twin", email = "bob.@acme.com" }), HttpStatusCode.BadRequest);

        Assert.Equal("One or more fields are invalid.", taken.GetProperty("title").GetString());
        Assert.Equal("""{"email":["Another contact of this account has the same email."]}""", taken.GetProperty("errors").GetRawText());
        Assert.Equal("""{"email":["Must be a valid email address."]}""", malformed.GetProperty("errors").GetRawText());
    }

    private async Task<string> NewAccountAsync()
    {
        var id = $"acc-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await _admin.PutAsJsonAsync($"/api/accounts/{id}", Http.Account("Acme", ("c1", "Bob", "bob@acme.com")))).StatusCode);
        return id;
    }

    /// <summary>The answer's problem+json body, read once, after its status is checked.</summary>
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
