using System.Net;
using System.Net.Http.Json;
using NavusoftSync.Testing;
using Npgsql;

namespace NavusoftSync.ContactDirectory.IntegrationTests;

public sealed class AccountApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Tenant = "hauler-a";
    private readonly HttpClient _admin = fixture.ClientFor(Tokens.Admin(Tenant));
    private readonly HttpClient _user = fixture.ClientFor(Tokens.User(Tenant));

    private static string NewId() => $"acc-{Guid.NewGuid():N}";

    [Fact]
    public async Task Put_creates_then_updates_and_get_answers_the_contract_shape()
    {
        var id = NewId();
        var created = await _admin.PutAsJsonAsync($"/api/accounts/{id}", Http.Account("Acme Waste", ("c1", "Bob", " Bob@Acme.COM "), ("c2", null, "ann@acme.com")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/accounts/{id}", created.Headers.Location?.OriginalString);

        var updated = await _admin.PutAsJsonAsync($"/api/accounts/{id}", Http.Account("Acme Waste LLC", ("c1", "Robert", "bob@acme.com"), ("c3", "Cy", "cy@acme.com")));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        var account = await (await _user.GetAsync($"/api/accounts/{id}")).ReadJsonAsync();
        Assert.Equal(id, account.GetProperty("accountId").GetString());
        Assert.Equal("Acme Waste LLC", account.GetProperty("name").GetString());
        Assert.Equal(id, account.GetProperty("streamId").GetString());
        var contacts = account.GetProperty("contacts").EnumerateArray()
            .Select(c => (c.GetProperty("contactId").GetString(), c.GetProperty("name").GetString(), c.GetProperty("email").GetString()))
            .ToList();
        Assert.Equal([("c1", "Robert", "bob@acme.com"), ("c3", "Cy", "cy@acme.com")], contacts);
    }

    [Fact]
    public async Task The_same_put_twice_appends_no_event()
    {
        var id = NewId();
        var body = Http.Account("Acme", ("c1", "Bob", "bob@acme.com"), ("c2", "Ann", "ann@acme.com"));
        Assert.Equal(HttpStatusCode.Created, (await _admin.PutAsJsonAsync($"/api/accounts/{id}", body)).StatusCode);
        var before = await CountEventsAsync(id);

        var again = await _admin.PutAsJsonAsync($"/api/accounts/{id}", Http.Account("Acme ", ("c1", "Bob", "BOB@acme.com"), ("c2", "Ann", " ann@acme.com")));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(3, before);
        Assert.Equal(before, await CountEventsAsync(id));
    }

    [Fact]
    public async Task Contacts_are_added_and_removed_one_by_one()
    {
        var id = NewId();
        await _admin.PutAsJsonAsync($"/api/accounts/{id}", Http.Account("Acme", ("c1", "Bob", "bob@acme.com")));

        var added = await _admin.PostAsJsonAsync($"/api/accounts/{id}/contacts", new { contactId = "c2", name = "Ann", email = "ANN@acme.com" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(2, (await added.ReadJsonAsync()).GetProperty("contacts").GetArrayLength());

        var duplicateEmail = await _admin.PostAsJsonAsync($"/api/accounts/{id}/contacts", new { contactId = "c3", name = "Twin", email = "ann@acme.com" });
        await duplicateEmail.AssertValidationProblemAsync("email");

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/accounts/{id}/contacts/c1")).StatusCode);
        await (await _admin.DeleteAsync($"/api/accounts/{id}/contacts/c1")).AssertProblemAsync(HttpStatusCode.NotFound);
        var account = await (await _user.GetAsync($"/api/accounts/{id}")).ReadJsonAsync();
        Assert.Equal("c2", Assert.Single(account.GetProperty("contacts").EnumerateArray()).GetProperty("contactId").GetString());
    }

    [Fact]
    public async Task Contacts_lookup_finds_every_account_of_an_address_case_insensitively()
    {
        var (a, b) = (NewId(), NewId());
        var email = $"shared-{Guid.NewGuid():N}@customer.com";
        await _admin.PutAsJsonAsync($"/api/accounts/{a}", Http.Account("A", ("c1", "Pat", email)));
        await _admin.PutAsJsonAsync($"/api/accounts/{b}", Http.Account("B", ("c7", "Pat Two", email.ToUpperInvariant())));

        var found = await (await _user.GetAsync($"/api/contacts?email={Uri.EscapeDataString("  " + email.ToUpperInvariant())}")).ReadJsonAsync();
        var matches = found.EnumerateArray().Select(m => (m.GetProperty("accountId").GetString(), m.GetProperty("contactId").GetString(), m.GetProperty("name").GetString())).ToHashSet();
        Assert.Equal([(a, "c1", "Pat"), (b, "c7", "Pat Two")], matches);

        await _admin.PutAsJsonAsync($"/api/accounts/{a}", Http.Account("A", ("c1", "Pat", "pat.new@customer.com")));
        found = await (await _user.GetAsync($"/api/contacts?email={Uri.EscapeDataString(email)}")).ReadJsonAsync();
        Assert.Equal(b, Assert.Single(found.EnumerateArray()).GetProperty("accountId").GetString());
        Assert.Empty((await (await _user.GetAsync("/api/contacts?email=nobody@nowhere.com")).ReadJsonAsync()).EnumerateArray());
    }

    private async Task<long> CountEventsAsync(string streamKey)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM events.mt_events WHERE stream_id = @id AND tenant_id = @tenant", connection);
        command.Parameters.AddWithValue("id", streamKey);
        command.Parameters.AddWithValue("tenant", Tenant);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

public sealed class ConcurrentUpsertTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Racing_puts_of_a_new_account_create_it_once_and_never_answer_500()
    {
        var admin = fixture.ClientFor(Tokens.Admin("tenant-race"));
        var body = Http.Account("Acme", ("c1", "Bob", "bob@acme.com"));
        for (var round = 0; round < 5; round++)
        {
            var id = $"acc-{Guid.NewGuid():N}";
            var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => admin.PutAsJsonAsync($"/api/accounts/{id}", body)));

            Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict }));
            Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
            Assert.All(answers.Where(a => a.StatusCode == HttpStatusCode.Conflict), a => Assert.Equal("application/problem+json", a.Content.Headers.ContentType?.MediaType));
        }
    }
}
