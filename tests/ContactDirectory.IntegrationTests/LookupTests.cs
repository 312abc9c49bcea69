using System.Net;
using System.Net.Http.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.ContactDirectory.Contracts;
using NavusoftSync.ContactDirectory.Lookup;
using NavusoftSync.Testing;
using Npgsql;

namespace NavusoftSync.ContactDirectory.IntegrationTests;

/// <summary>FindContactsByEmails, answered from the account snapshots' indexed address column.</summary>
public sealed class LookupTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Tenant = "tenant-lookup";
    private readonly HttpClient _admin = fixture.ClientFor(Tokens.Admin(Tenant));

    private static string NewId() => $"acc-{Guid.NewGuid():N}";

    private static string NewEmail(string name) => $"{name}-{Guid.NewGuid():N}@customer.com";

    [Fact]
    public async Task A_batch_answers_only_matched_addresses_keyed_normalized_with_every_account_in_id_order()
    {
        var (a, b) = ($"b-{NewId()}", $"a-{NewId()}");
        var (shared, own) = (NewEmail("shared"), NewEmail("own"));
        await PutAsync(a, ("c1", "Pat", shared), ("c2", "Own", own));
        await PutAsync(b, ("x9", "Pat B", shared.ToUpperInvariant()));

        var found = await FindAsync(Tenant, $"  {shared.ToUpperInvariant()} ", own, "nobody@nowhere.com", "", "  ");

        Assert.Equal([own, shared], found.Keys.Order(StringComparer.Ordinal)); // "own-…" sorts before "shared-…"
        Assert.Equal([new ContactMatch(b, "x9", "Pat B"), new ContactMatch(a, "c1", "Pat")], found[shared]);
        Assert.Equal([new ContactMatch(a, "c2", "Own")], found[own]);
        Assert.Empty(await FindAsync(Tenant));
    }

    [Fact]
    public async Task A_changed_or_removed_address_is_no_longer_found_and_the_new_one_is()
    {
        var id = NewId();
        var (old, renamed, removed, deleted) = (NewEmail("old"), NewEmail("new"), NewEmail("removed"), NewEmail("deleted"));
        await PutAsync(id, ("c1", "Bob", old), ("c2", "Ann", removed), ("c3", "Cy", deleted));
        Assert.Equal(3, (await FindAsync(Tenant, old, removed, deleted)).Count);

        await PutAsync(id, ("c1", "Robert", renamed), ("c3", "Cy", deleted)); // c1 re-addressed and renamed, c2 dropped
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/accounts/{id}/contacts/c3")).StatusCode);

        var found = await FindAsync(Tenant, old, renamed, removed, deleted);
        Assert.Equal([new ContactMatch(id, "c1", "Robert")], Assert.Single(found, f => f.Key == renamed).Value);

        var added = await _admin.PostAsJsonAsync($"/api/accounts/{id}/contacts", new { contactId = "c4", name = "Di", email = old.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal([new ContactMatch(id, "c4", "Di")], (await FindAsync(Tenant, old))[old]);
    }

    [Fact]
    public async Task Each_tenant_sees_only_its_own_contacts_of_an_address_both_have()
    {
        var id = NewId(); // the same account id and address in two tenants
        var email = NewEmail("both");
        await PutAsync(id, ("c1", "Ours", email));
        var other = fixture.ClientFor(Tokens.Admin("tenant-lookup-other"));
        Assert.Equal(HttpStatusCode.Created, (await other.PutAsJsonAsync($"/api/accounts/{id}", Http.Account("Theirs", ("t1", "Theirs", email)))).StatusCode);

        Assert.Equal([new ContactMatch(id, "c1", "Ours")], (await FindAsync(Tenant, email))[email]);
        Assert.Equal([new ContactMatch(id, "t1", "Theirs")], (await FindAsync("tenant-lookup-other", email))[email]);
        Assert.Empty(await FindAsync("tenant-lookup-third", email));
    }

    [Fact]
    public async Task An_account_with_the_most_contacts_is_found_by_any_of_them()
    {
        var id = NewId();
        var domain = $"big-{Guid.NewGuid():N}.com";
        var contacts = Enumerable.Range(0, 500).Select(i => ($"c{i}", (string?)$"Contact {i}", $"contact{i}@{domain}")).ToArray();
        await PutAsync(id, contacts);

        var found = await FindAsync(Tenant, $"contact0@{domain}", $"contact499@{domain}", $"contact500@{domain}");

        Assert.Equal(2, found.Count);
        Assert.Equal("c499", Assert.Single(found[$"contact499@{domain}"]).ContactId);
    }

    [Fact]
    public async Task The_address_column_is_a_gin_index_without_pending_list_and_the_lookup_plans_as_index_probes()
    {
        await PutAsync(NewId(), ("c1", "Pat", NewEmail("plan")));
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();

        await using (var index = new NpgsqlCommand(
            "SELECT i.indexdef, c.reloptions FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname AND c.relnamespace = 'contact_directory'::regnamespace " +
            "WHERE i.schemaname = 'contact_directory' AND i.tablename = 'mt_doc_account' AND i.indexdef LIKE '%(emails)%'", connection))
        await using (var reader = await index.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync(), "no index on the emails column");
            Assert.Contains("USING gin (emails)", reader.GetString(0), StringComparison.Ordinal);
            Assert.Equal(["fastupdate=off"], reader.GetFieldValue<string[]>(1));
            Assert.False(await reader.ReadAsync());
        }

        // As the prepared statement's generic plan (what repeated lookups run), before any ANALYZE.
        var batch = Enumerable.Range(0, 50).Select(i => $"x{i}@nowhere.com").ToArray();
        await using (var setting = new NpgsqlCommand("SET plan_cache_mode = force_generic_plan", connection))
        {
            await setting.ExecuteNonQueryAsync();
        }

        var sql = FindContactsByEmailsHandler.Sql.Replace("unnest(?)", "unnest($1::text[])", StringComparison.Ordinal).Replace("tenant_id = ?", "tenant_id = $2", StringComparison.Ordinal);
        await using var explain = new NpgsqlCommand($"EXPLAIN {sql}", connection) { Parameters = { new() { Value = batch }, new() { Value = Tenant } } };
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.Contains(plan, line => line.Contains("Bitmap Index Scan on", StringComparison.Ordinal) && line.Contains("emails", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan on mt_doc_account", StringComparison.Ordinal) || line.Contains("pkey", StringComparison.Ordinal));
    }

    private async Task PutAsync(string accountId, params (string Id, string? Name, string Email)[] contacts)
    {
        var response = await _admin.PutAsJsonAsync($"/api/accounts/{accountId}", Http.Account("Acme", contacts));
        Assert.True(response.IsSuccessStatusCode, $"PUT answered {response.StatusCode}");
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<ContactMatch>>> FindAsync(string tenant, params string[] emails)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantScope>().Use(tenant);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new FindContactsByEmails(emails));
    }
}
