using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marten;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NavusoftSync.ContactDirectory.Accounts;
using NavusoftSync.ContactDirectory.Accounts.Searching;
using NavusoftSync.Testing;
using Npgsql;
using Weasel.Core;

namespace NavusoftSync.ContactDirectory.IntegrationTests;

/// <summary>
/// <c>GET /api/accounts?q=</c> over real HTTP, JWTs and PostgreSQL. Each test seeds its own tenant, so what a
/// search answers is exactly what the test put there.
/// </summary>
public sealed class AccountSearchTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private sealed record Hit(string AccountId, string Name, int ContactCount, string MatchedOn);

    private sealed record Page(List<Hit> Items, string? NextCursor);

    private sealed class Tenant(AppFixture fixture)
    {
        public string Id { get; } = $"search-{Guid.NewGuid():N}";

        public HttpClient Admin => fixture.ClientFor(Tokens.Admin(Id));

        public HttpClient User => fixture.ClientFor(Tokens.User(Id));

        public async Task PutAsync(string id, string name, params string[] emails)
        {
            var contacts = emails.Select((e, i) => ($"c{i}", (string?)$"Contact {i}", e)).ToArray();
            var response = await Admin.PutAsJsonAsync($"/api/accounts/{id}", Http.Account(name, contacts));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        public async Task<Page> SearchAsync(string q, int? limit = null, string? cursor = null)
        {
            var response = await User.GetAsync(Url(q, limit, cursor));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<Page>(Http.Json))!;
        }

        public async Task<List<string>> IdsAsync(string q) => [.. (await SearchAsync(q)).Items.Select(h => h.AccountId)];
    }

    private static string Url(string? q, int? limit = null, string? cursor = null)
    {
        var query = new List<string>();
        if (q is not null) query.Add($"q={Uri.EscapeDataString(q)}");
        if (limit is not null) query.Add($"limit={limit}");
        if (cursor is not null) query.Add($"cursor={Uri.EscapeDataString(cursor)}");
        return $"/api/accounts?{string.Join('&', query)}";
    }

    [Fact]
    public async Task Words_and_prefixes_of_the_name_find_an_account_in_any_order_and_case()
    {
        var t = new Tenant(fixture);
        await t.PutAsync("acc-1", "Greenfield Apartments", "maria@greenfield.com", "bob@greenfield.com");
        await t.PutAsync("acc-2", "Green Valley Storage");
        await t.PutAsync("acc-3", "Blue Harbor Apartments");

        var hit = Assert.Single((await t.SearchAsync("green apa")).Items);
        Assert.Equal(new Hit("acc-1", "Greenfield Apartments", 2, "name"), hit);
        Assert.Equal(["acc-1"], await t.IdsAsync("APARTMENTS GREENF"));
        Assert.Equal(["acc-1", "acc-3"], (await t.IdsAsync("apartments")).Order().ToList());
        Assert.Equal(["acc-2", "acc-1"], await t.IdsAsync("gre"));
        Assert.Empty(await t.IdsAsync("ree")); // inside a word is no word prefix, and three letters are too few for a typo
        Assert.Contains("acc-1", await t.IdsAsync("green apt")); // "apt" abbreviates: the whole text is similar enough
    }

    [Fact]
    public async Task A_small_typo_finds_the_account_by_similarity()
    {
        var t = new Tenant(fixture);
        await t.PutAsync("acc-1", "Greenfield Apartments");
        await t.PutAsync("acc-2", "Redwood Logistics");

        var hit = Assert.Single((await t.SearchAsync("Grenfeild")).Items);
        Assert.Equal(("acc-1", "name"), (hit.AccountId, hit.MatchedOn));
        Assert.Equal(["acc-2"], await t.IdsAsync("redwod logistcs"));
        Assert.Empty(await t.IdsAsync("Bluewater"));
    }

    [Fact]
    public async Task A_contact_address_or_domain_finds_the_account_case_insensitively()
    {
        var t = new Tenant(fixture);
        await t.PutAsync("acc-1", "Greenfield Apartments", "maria.garcia@greenfield-apts.com");
        await t.PutAsync("acc-2", "Harbor Storage", "ops@harbor.example", "maria@harbor.example");

        var hit = Assert.Single((await t.SearchAsync("  Maria.Garcia@GREENFIELD-apts.com ")).Items);
        Assert.Equal(new Hit("acc-1", "Greenfield Apartments", 1, "email"), hit);
        Assert.Equal(["acc-1"], await t.IdsAsync("maria.garcia@green"));
        Assert.Equal(["acc-2"], await t.IdsAsync("maria@"));
        Assert.Equal(["acc-2"], await t.IdsAsync("harbor.example"));
        Assert.Equal(["acc-2"], await t.IdsAsync("@harbor.ex"));
        Assert.Equal(["acc-2"], await t.IdsAsync("ops@"));
        Assert.Empty(await t.IdsAsync("garcia@greenfield-apts.com")); // an address matches from its start
    }

    [Fact]
    public async Task Results_rank_exact_then_starts_with_then_word_prefixes_then_typos_then_emails_ties_by_name_then_id()
    {
        var t = new Tenant(fixture);
        await t.PutAsync("acc-typo", "Grean Things");
        await t.PutAsync("acc-words", "Big Green Farm");
        await t.PutAsync("acc-starts-2", "Green Acres");
        await t.PutAsync("acc-starts-1", "Green Acres");
        await t.PutAsync("acc-starts-b", "Green Bay Hauling");
        await t.PutAsync("acc-exact", "green");

        Assert.Equal(["acc-exact", "acc-starts-1", "acc-starts-2", "acc-starts-b", "acc-words", "acc-typo"], await t.IdsAsync("Green"));

        await t.PutAsync("acc-mail", "Zeta Corp", "bob@acme.com");
        await t.PutAsync("acc-name", "Acme Com Services");
        var acme = await t.SearchAsync("acme.com");
        Assert.Equal([("acc-name", "name"), ("acc-mail", "email")], acme.Items.Select(h => (h.AccountId, h.MatchedOn)).ToList());
    }

    [Fact]
    public async Task Pages_follow_the_cursor_without_duplicates_or_gaps_and_the_last_has_no_cursor()
    {
        var t = new Tenant(fixture);
        var ids = Enumerable.Range(0, 45).Select(i => $"acc-{i:00}").ToList();
        foreach (var id in ids)
        {
            await t.PutAsync(id, $"Paging Hauler {44 - int.Parse(id[4..]):00}");
        }

        await t.PutAsync("acc-other", "Unrelated Storage");
        var seen = new List<string>();
        var sizes = new List<int>();
        string? cursor = null;
        do
        {
            var page = await t.SearchAsync("paging haul", 20, cursor);
            sizes.Add(page.Items.Count);
            seen.AddRange(page.Items.Select(h => h.AccountId));
            cursor = page.NextCursor;
        }
        while (cursor is not null && sizes.Count < 5);

        Assert.Equal([20, 20, 5], sizes);
        Assert.Equal(Enumerable.Reverse(ids), seen); // by name: "Paging Hauler 00" is acc-44
        Assert.Null((await t.SearchAsync("paging", 45)).NextCursor);
        Assert.NotNull((await t.SearchAsync("paging", 44)).NextCursor);
        Assert.Equal(20, (await t.SearchAsync("paging")).Items.Count); // default limit
    }

    [Fact]
    public async Task Pages_cross_from_names_starting_with_q_to_word_prefixes_and_typos_in_rank_order()
    {
        var t = new Tenant(fixture);
        var starts = Enumerable.Range(0, 25).Select(i => $"acc-s{i:00}").ToList();
        var words = Enumerable.Range(0, 10).Select(i => $"acc-w{i:00}").ToList();
        foreach (var id in starts)
        {
            await t.PutAsync(id, $"Greenfield Hauler {id[5..]}");
        }

        foreach (var id in words)
        {
            await t.PutAsync(id, $"North Greenfield {id[5..]}");
        }

        await t.PutAsync("acc-typo", "Greenfeild Storage");
        await t.PutAsync("acc-other", "Unrelated Storage");
        var seen = new List<(string Id, string MatchedOn)>();
        var sizes = new List<int>();
        string? cursor = null;
        do
        {
            var page = await t.SearchAsync("greenfield", 20, cursor);
            sizes.Add(page.Items.Count);
            seen.AddRange(page.Items.Select(h => (h.AccountId, h.MatchedOn)));
            cursor = page.NextCursor;
        }
        while (cursor is not null && sizes.Count < 5);

        Assert.Equal([20, 16], sizes);
        Assert.Equal([.. starts, .. words, "acc-typo"], seen.Select(h => h.Id).ToList());
        Assert.All(seen, h => Assert.Equal("name", h.MatchedOn));
    }

    [Fact]
    public async Task A_page_of_names_starting_with_q_puts_the_exact_name_first_keeps_to_the_tenant_and_a_page_it_just_fills_goes_on_to_word_prefixes()
    {
        var (t, other) = (new Tenant(fixture), new Tenant(fixture));
        var starts = Enumerable.Range(0, 19).Select(i => $"acc-s{i:00}").ToList();
        foreach (var id in starts)
        {
            await t.PutAsync(id, $"Cedar Hauler {id[5..]}");
        }

        await t.PutAsync("acc-exact", "CEDAR");
        await t.PutAsync("acc-w", "North Cedar Storage");
        foreach (var i in Enumerable.Range(0, 30))
        {
            await other.PutAsync($"acc-o{i:00}", $"Cedar Depot {i:00}"); // sorts before "cedar hauler": a range that forgot the tenant would show these
        }

        var first = await t.SearchAsync("cedar", 20); // the names starting with "cedar" are exactly the page: one more row is a word prefix
        Assert.Equal(["acc-exact", .. starts], first.Items.Select(h => h.AccountId));
        Assert.NotNull(first.NextCursor);
        var second = await t.SearchAsync("cedar", 20, first.NextCursor);
        Assert.Equal(["acc-w"], second.Items.Select(h => h.AccountId));
        Assert.Null(second.NextCursor);

        var whole = await t.SearchAsync("cedar", 21);
        Assert.Equal(["acc-exact", .. starts, "acc-w"], whole.Items.Select(h => h.AccountId));
        Assert.Null(whole.NextCursor);
        Assert.Equal(["acc-exact", .. starts[..9]], (await t.SearchAsync("cedar", 10)).Items.Select(h => h.AccountId));
        var others = await other.SearchAsync("cedar", 20);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"acc-o{i:00}"), others.Items.Select(h => h.AccountId));
        Assert.Equal(Enumerable.Range(20, 10).Select(i => $"acc-o{i:00}"), (await other.SearchAsync("cedar", 20, others.NextCursor)).Items.Select(h => h.AccountId));
    }

    [Theory]
    [InlineData("mt_doc_account_idx_search_name_ordered", "ON contact_directory.mt_doc_account USING btree (tenant_id, search_name_ordered COLLATE \"C\")")]
    [InlineData(AccountSearchWords.PrefixIndexName, "ON contact_directory.account_search_word USING btree (tenant_id, word COLLATE \"C\")")]
    [InlineData(AccountSearchEntries.WordIndexName, "ON contact_directory.account_search_entry USING btree (tenant_id, word, search_name COLLATE \"C\") INCLUDE (account_id)")]
    public async Task The_search_s_btree_indexes_are_as_configured_and_a_second_migration_keeps_them(string index, string definition)
    {
        var name = $"contact_directory.{index}";
        Assert.EndsWith(definition, await TextAsync($"select pg_get_indexdef('{name}'::regclass)"), StringComparison.Ordinal);
        var oid = await TextAsync($"select '{name}'::regclass::oid::text");

        await fixture.App.Services.GetRequiredService<IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        Assert.Equal(oid, await TextAsync($"select '{name}'::regclass::oid::text"));
    }

    [Fact]
    public async Task Several_words_match_through_the_dictionary_words_they_start_and_a_prefix_of_more_than_it_expands_still_matches()
    {
        var t = new Tenant(fixture);
        await t.PutAsync("acc-1", "Alpha Zqx Storage");
        await t.PutAsync("acc-2", "North Alpine Zqy Depot");
        await t.PutAsync("acc-3", "Alpha Storage");
        Assert.Equal(["acc-1", "acc-2"], await t.IdsAsync("zq al"));

        // More dictionary words start with "zq" than a prefix is expanded to: the prefix lexeme is probed instead.
        var words = string.Join(", ", Enumerable.Range(0, AccountSearchSql.MaxExpansion + 1).Select(i => $"(@t, 'zq{i:000}')"));
        Assert.Equal(AccountSearchSql.MaxExpansion + 1, await SqlAsync($"with added as (insert into contact_directory.account_search_word (tenant_id, word) values {words} returning 1) select count(*)::int from added", t.Id));
        Assert.Equal(["acc-1", "acc-2"], await t.IdsAsync("zq al"));
        Assert.Equal(["acc-2"], await t.IdsAsync("zqy al"));
        Assert.Empty(await t.IdsAsync("zqq al"));
    }

    [Fact]
    public async Task An_account_with_two_words_starting_with_a_searched_word_is_listed_once_and_pages_keep_name_order()
    {
        var t = new Tenant(fixture);
        await t.PutAsync("acc-1", "North Lake Lakeside Storage"); // "lake" and "lakeside" both start with "lak"
        await t.PutAsync("acc-2", "Blue Lakeview Depot");
        await t.PutAsync("acc-3", "Lake Hauling"); // starts with it: ranks first
        await t.PutAsync("acc-4", "Zenith Lake Partners");
        await t.PutAsync("acc-5", "Pine Storage");

        Assert.Equal(["acc-3", "acc-2", "acc-1", "acc-4"], await t.IdsAsync("lak"));
        Assert.Equal(["acc-1"], await t.IdsAsync("lak stor"));
        Assert.Equal(["acc-1"], await t.IdsAsync("stor lakes")); // the longest word drives; the others must still start a word

        var first = await t.SearchAsync("lak", 2);
        Assert.Equal(["acc-3", "acc-2"], first.Items.Select(h => h.AccountId));
        var second = await t.SearchAsync("lak", 2, first.NextCursor);
        Assert.Equal(["acc-1", "acc-4"], second.Items.Select(h => h.AccountId));
        Assert.Null(second.NextCursor);
    }

    private async Task<string> TextAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Another_tenants_accounts_never_appear()
    {
        var (a, b) = (new Tenant(fixture), new Tenant(fixture));
        await a.PutAsync("acc-a", "Greenfield Apartments", "maria@greenfield.com");
        await b.PutAsync("acc-b", "Greenfield Apartments", "maria@greenfield.com");
        await b.PutAsync("acc-b2", "Greenfield Storage");

        foreach (var q in new[] { "greenfield", "greenfield apartments", "grenfeild", "maria@greenfield.com", "greenfield.com" })
        {
            Assert.Equal(["acc-a"], await a.IdsAsync(q));
        }
    }

    [Fact]
    public async Task A_renamed_account_and_changed_contacts_are_found_by_their_new_data_at_once()
    {
        var t = new Tenant(fixture);
        await t.PutAsync("acc-1", "Oldname Hauling", "old@oldname.com");
        Assert.Equal(["acc-1"], await t.IdsAsync("oldname"));

        await t.PutAsync("acc-1", "Brightway Hauling", "old@oldname.com");
        Assert.Empty(await t.IdsAsync("oldname hauling"));
        Assert.Equal(["acc-1"], await t.IdsAsync("brightway"));

        Assert.Equal(HttpStatusCode.NoContent, (await t.Admin.DeleteAsync("/api/accounts/acc-1/contacts/c0")).StatusCode);
        Assert.Empty(await t.IdsAsync("old@oldname.com"));
        var added = await t.Admin.PostAsJsonAsync("/api/accounts/acc-1/contacts", new { contactId = "c9", name = "Nia", email = "nia@brightway.com" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var hit = Assert.Single((await t.SearchAsync("nia@bright")).Items);
        Assert.Equal(new Hit("acc-1", "Brightway Hauling", 1, "email"), hit);
    }

    [Fact]
    public async Task A_typo_of_a_renamed_account_finds_it_by_its_new_name_only()
    {
        var t = new Tenant(fixture);
        await t.PutAsync("acc-1", "Oldname Hauling");
        Assert.Equal(["acc-1"], await t.IdsAsync("Oldnmae"));

        await t.PutAsync("acc-1", "Brightway Hauling");
        Assert.Empty(await t.IdsAsync("Oldnmae")); // the old word stays in the dictionary but no account holds it
        Assert.Empty(await t.IdsAsync("oldnmae hauling"));
        var hit = Assert.Single((await t.SearchAsync("Brigthway")).Items);
        Assert.Equal(new Hit("acc-1", "Brightway Hauling", 0, "name"), hit);
    }

    [Fact]
    public async Task An_account_holding_two_candidates_of_a_typo_is_listed_once_and_a_renamed_one_by_its_new_words_only()
    {
        var t = new Tenant(fixture);
        await t.PutAsync("acc-1", "Greenfeld Greenfields Storage"); // both words are candidates of "greenfild"
        await t.PutAsync("acc-2", "Greenfeld Depot");
        await t.PutAsync("acc-3", "Redwood Hauling");

        Assert.Equal(["acc-1", "acc-2"], (await t.IdsAsync("greenfild")).Order(StringComparer.Ordinal)); // once each, though acc-1 holds two candidates
        Assert.Equal(["acc-1"], await t.IdsAsync("greenfild storag"));

        await t.PutAsync("acc-1", "Redwood Storage");
        Assert.Equal(["acc-2"], await t.IdsAsync("greenfild"));
        Assert.Equal(["acc-1"], await t.IdsAsync("redwod storag"));
        Assert.Equal(3, await SqlAsync("select count(*)::int from contact_directory.account_search_entry where tenant_id = @t and account_id in ('acc-1', 'acc-3')", t.Id) - 1);
    }

    [Fact]
    public async Task A_typo_beside_a_short_word_needs_the_short_word_to_start_a_word()
    {
        var t = new Tenant(fixture);
        await t.PutAsync("acc-1", "Greenfield Apartments");
        await t.PutAsync("acc-2", "Greenfield Storage");

        Assert.Equal(["acc-1"], await t.IdsAsync("grenfeild ap"));
        Assert.Equal(["acc-2"], await t.IdsAsync("st grenfeild"));
        Assert.Empty(await t.IdsAsync("grenfeild xy"));
    }

    [Fact]
    public async Task A_domain_is_never_a_typo_and_an_account_matching_name_and_address_appears_once_as_a_name()
    {
        var t = new Tenant(fixture);
        await t.PutAsync("acc-typo", "Acne Com Services");
        await t.PutAsync("acc-both", "Acme Com Storage", "ops@acme.com");
        await t.PutAsync("acc-mail", "Zeta Corp", "bob@acme.com");

        var seen = new List<(string Id, string MatchedOn)>();
        string? cursor = null;
        do
        {
            var page = await t.SearchAsync("acme.com", 1, cursor);
            seen.AddRange(page.Items.Select(h => (h.AccountId, h.MatchedOn)));
            cursor = page.NextCursor;
        }
        while (cursor is not null && seen.Count < 5);

        Assert.Equal([("acc-both", "name"), ("acc-mail", "email")], seen);
        Assert.Equal(["acc-typo", "acc-both"], await t.IdsAsync("acne com")); // the same words typed as a name: "acme" is a typo of "acne"
    }

    [Fact]
    public async Task Accounts_written_before_the_name_words_existed_are_found_by_them_after_a_start()
    {
        var t = new Tenant(fixture);
        await t.PutAsync("acc-1", "Brightway Hauling");
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "update contact_directory.mt_doc_account set search_name_words = '{}' where tenant_id = @t; " +
                "delete from contact_directory.account_search_word where tenant_id = @t", connection);
            command.Parameters.AddWithValue("t", t.Id);
            await command.ExecuteNonQueryAsync();
        }

        Assert.Empty(await t.IdsAsync("hauling"));
        Assert.Empty(await t.IdsAsync("brigthway"));

        var backfill = fixture.App.Services.GetServices<IHostedService>().OfType<AccountSearchWordsBackfill>().Single();
        await backfill.StartAsync(CancellationToken.None);
        Assert.Equal(["acc-1"], await t.IdsAsync("hauling"));
        Assert.Equal(["acc-1"], await t.IdsAsync("brigthway"));
    }

    [Fact]
    public async Task A_typo_of_a_word_in_every_name_reads_at_most_the_typo_cap_and_the_word_s_prefix_pages_through_all()
    {
        var t = new Tenant(fixture);
        var ids = Enumerable.Range(0, AccountSearchSql.TypoCandidates + 20).Select(i => $"acc-{i:000}").ToList();
        foreach (var chunk in ids.Chunk(8))
        {
            await Task.WhenAll(chunk.Select(id => t.PutAsync(id, $"Block {id[4..]} Apartments")));
        }

        var typo = await PagesAsync(t, "apartmnt"); // a typo of a prefix of "apartments"
        Assert.Equal([50, 50], typo.Sizes); // past the cap a typo search pages no further
        Assert.Equal(AccountSearchSql.TypoCandidates, typo.Hits.Select(h => h.AccountId).Distinct().Count());
        Assert.All(typo.Hits, h => Assert.StartsWith("acc-", h.AccountId));
        Assert.All(typo.Hits, h => Assert.Equal("name", h.MatchedOn));

        var prefix = await PagesAsync(t, "apartm");
        Assert.Equal([50, 50, 20], prefix.Sizes);
        Assert.Equal(ids, prefix.Hits.Select(h => h.AccountId)); // word prefixes, by name; the typo branch adds no second copy
    }

    private static async Task<(List<int> Sizes, List<Hit> Hits)> PagesAsync(Tenant t, string q)
    {
        var (sizes, hits) = (new List<int>(), new List<Hit>());
        string? cursor = null;
        do
        {
            var page = await t.SearchAsync(q, SearchAccounts.MaxLimit, cursor);
            sizes.Add(page.Items.Count);
            hits.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null && sizes.Count < 10);

        return (sizes, hits);
    }

    [Fact]
    public async Task A_query_of_as_many_words_as_its_length_allows_is_answered()
    {
        var t = new Tenant(fixture);
        await t.PutAsync("acc-1", "Greenfield Apartments");
        await t.PutAsync("acc-2", "Redwood Logistics");

        var letters = string.Join(' ', Enumerable.Repeat("g", 50)); // 99 characters: every word a prefix, too short for typos
        var triples = string.Join(' ', Enumerable.Repeat("gre", 25)); // 25 words, each with its own dictionary probe
        var typos = string.Join(' ', Enumerable.Repeat("grenfeild apartmnts", 5));
        Assert.All(new[] { letters, triples, typos }, q => Assert.InRange(q.Length, 90, SearchAccounts.MaxQueryLength));
        Assert.Equal(["acc-1"], await t.IdsAsync(letters));
        Assert.Equal(["acc-1"], await t.IdsAsync(triples));
        Assert.Equal(["acc-1"], await t.IdsAsync(typos));
        Assert.Empty(await t.IdsAsync(string.Join(' ', Enumerable.Repeat("grenfeild", 9)) + " xy"));
    }

    [Fact]
    public async Task Search_connections_start_with_the_search_settings_and_other_connections_keep_theirs()
    {
        var t = new Tenant(fixture);
        await t.PutAsync("acc-1", "Greenfield Apartments");
        Assert.Equal(["acc-1"], await t.IdsAsync("grenfeild")); // 0.33 similar: found only with the search's threshold

        var database = fixture.App.Services.GetRequiredService<AccountSearchDatabase>();
        await using (var search = await database.DataSource.OpenConnectionAsync())
        {
            Assert.Equal(("force_generic_plan", AccountSearchSql.SimilarityThreshold, "off"), await SettingsAsync(search));
        }

        await using var other = new NpgsqlConnection(fixture.ConnectionString);
        await other.OpenAsync();
        var settings = await SettingsAsync(other);
        Assert.Equal("auto", settings.PlanCacheMode);
        Assert.NotEqual(AccountSearchSql.SimilarityThreshold, settings.Threshold);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("many")]
    public async Task A_search_pool_size_out_of_range_stops_the_host_at_start(string size)
    {
        await using var app = new NavusoftApp(fixture.ConnectionString, new Dictionary<string, string?> { ["Search:MaxConnections"] = size, ["Marten:DaemonMode"] = "Disabled" });
        var refused = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains("Search", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_that_gets_no_connection_within_its_wait_answers_503_and_the_next_one_is_answered()
    {
        await using var app = new NavusoftApp(fixture.ConnectionString, new Dictionary<string, string?> { ["Search:MaxConnections"] = "1", ["Marten:DaemonMode"] = "Disabled" });
        var database = app.Services.GetRequiredService<AccountSearchDatabase>();
        using var client = app.ClientFor(Tokens.User("tenant-busy-search"));

        var held = await database.DataSource.OpenConnectionAsync(); // the pool's one connection, busy
        using (var busy = await client.GetAsync("/api/accounts?q=green"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
            Assert.Contains("try again", await busy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await held.DisposeAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/accounts?q=green")).StatusCode);
    }

    [Fact]
    public void The_search_pool_holds_the_configured_number_of_connections()
    {
        var database = fixture.App.Services.GetRequiredService<AccountSearchDatabase>();
        var configured = new NpgsqlConnectionStringBuilder(database.DataSource.ConnectionString);
        Assert.Equal(Math.Max(2, Environment.ProcessorCount * 2), configured.MaxPoolSize);
        Assert.Contains(AccountSearchDatabase.StartupOptions, configured.Options, StringComparison.Ordinal);
    }

    private static async Task<(string PlanCacheMode, string Threshold, string Jit)> SettingsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("select current_setting('plan_cache_mode'), coalesce(current_setting('pg_trgm.word_similarity_threshold', true), ''), current_setting('jit')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1), reader.GetString(2));
    }

    [Fact]
    public async Task The_start_fills_every_row_without_words_batch_after_batch_and_keeps_its_partial_index()
    {
        var t = new Tenant(fixture);
        var store = fixture.App.Services.GetRequiredService<IDocumentStore>();
        var accounts = Enumerable.Range(0, AccountSearchWords.FillBatch + 7).Select(i => new Account($"acc-{i:00000}", $"Bulk {i} Hauling", [])).ToList();
        await store.BulkInsertAsync(t.Id, accounts, BulkInsertMode.InsertsOnly, 2_000);
        await SqlAsync($"update contact_directory.mt_doc_account set search_name_words = '{{}}' where tenant_id = @t", t.Id);
        Assert.Equal(accounts.Count, await SqlAsync($"select count(*)::int from contact_directory.mt_doc_account where tenant_id = @t and {AccountSearchWords.Missing}", t.Id));
        var index = await SqlAsync($"select 'contact_directory.{AccountSearchWords.MissingIndexName}'::regclass::oid::int", t.Id);
        var entries = await SqlAsync($"select 'contact_directory.{AccountSearchEntries.WordIndexName}'::regclass::oid::int", t.Id);

        var backfill = fixture.App.Services.GetServices<IHostedService>().OfType<AccountSearchWordsBackfill>().Single();
        await backfill.StartAsync(CancellationToken.None);
        Assert.Equal(0, await SqlAsync($"select count(*)::int from contact_directory.mt_doc_account where tenant_id = @t and {AccountSearchWords.Missing}", t.Id));
        Assert.Equal(1, await SqlAsync("select count(*)::int from contact_directory.mt_doc_account where tenant_id = @t and id = 'acc-05006' and search_name_words = '{5006,bulk,hauling}'", t.Id));
        Assert.Equal(accounts.Count + 2, await SqlAsync("select count(*)::int from contact_directory.account_search_word where tenant_id = @t", t.Id));
        Assert.Equal(accounts.Count * 3, await SqlAsync("select count(*)::int from contact_directory.account_search_entry where tenant_id = @t", t.Id));
        Assert.Equal(1, await SqlAsync("select count(*)::int from contact_directory.account_search_entry where tenant_id = @t and account_id = 'acc-05006' and word = '5006' and search_name = ' bulk 5006 hauling '", t.Id));
        Assert.Equal("acc-05006", (await t.IdsAsync("bulk 5006"))[0]); // then typos of "5006" ("500", "5000")
        Assert.Equal("acc-05006", (await t.IdsAsync("5006 haulnig"))[0]);

        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(); // a second start's migration finds the index as configured
        Assert.Equal(index, await SqlAsync($"select 'contact_directory.{AccountSearchWords.MissingIndexName}'::regclass::oid::int", t.Id));
        Assert.Equal(entries, await SqlAsync($"select 'contact_directory.{AccountSearchEntries.WordIndexName}'::regclass::oid::int", t.Id));
    }

    private async Task<int> SqlAsync(string sql, string tenant)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("t", tenant);
        return await command.ExecuteScalarAsync() is int value ? value : -1;
    }

    public static TheoryData<string, string> InvalidRequests => new()
    {
        { Url(null), "q" },
        { Url("   "), "q" },
        { Url(new string('a', 101)), "q" },
        { Url(new string('x', 10_000)), "q" },
        { Url("green", 0), "limit" },
        { Url("green", 51), "limit" },
        { "/api/accounts?q=green&limit=abc", "limit" },
        { "/api/accounts?q=green&limit=99999999999999999999", "limit" },
        { Url("green", cursor: "!!!not base64!!!"), "cursor" },
        { Url("green", cursor: "bm90IGpzb24"), "cursor" },
        { Url("green", cursor: Cursor("[1,0,\"x\"]")), "cursor" },
        { Url("green", cursor: Cursor("[9,0,\" x \",\"acc-1\"]")), "cursor" },
        { Url("green", cursor: Cursor("[1,\"NaN\",\" x \",\"acc-1\"]")), "cursor" },
        { Url("green", cursor: Cursor("[1,1e39,\" x \",\"acc-1\"]")), "cursor" },
        { Url("green", cursor: Cursor("[1,0,\" x\\u0000 \",\"acc-1\"]")), "cursor" },
        { Url("green", cursor: Cursor("{\"rank\":1}")), "cursor" },
        { Url("green", cursor: Cursor("[1.5,0,\"x\",\"acc-1\"]")), "cursor" },
        { Url("green", cursor: Cursor("[1,0,\"x\",\"\"]")), "cursor" },
        { Url("green", cursor: new string('A', 5000)), "cursor" },
    };

    private static string Cursor(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task An_invalid_request_is_a_400_naming_the_field(string url, string field)
    {
        var response = await fixture.ClientFor(Tokens.User("search-invalid")).GetAsync(url);
        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task Hostile_text_is_matched_as_text_and_never_breaks_the_query()
    {
        var t = new Tenant(fixture);
        await t.PutAsync("acc-pct", "100% Recycling");
        await t.PutAsync("acc-under", "A_B Logistics", "a_b@wild.test");
        await t.PutAsync("acc-x", "AxB Logistics", "axb@wild.test");
        await t.PutAsync("acc-quote", "O'Brien \"Best\" Hauling");
        await t.PutAsync("acc-cafe", "Café Zürich 日本");

        Assert.Equal(["acc-pct"], await t.IdsAsync("100%"));
        Assert.Equal(["acc-under"], await t.IdsAsync("a_b@wild"));
        Assert.Equal(["acc-quote"], await t.IdsAsync("o'brien"));
        Assert.Equal(["acc-cafe"], await t.IdsAsync("CAFÉ zür"));
        Assert.Equal(["acc-cafe"], await t.IdsAsync("日本"));
        foreach (var q in new[] { "%", "_", "\\", "%%%", "'", "\"", "%@%", "_@_.__", "\\%", "'; drop table contact_directory.mt_doc_account; --", "\u0000", "\u0001\u001f", "😀", new string('%', 100), "a%b_c\\d" })
        {
            Assert.Empty(await t.IdsAsync(q));
        }

        foreach (var raw in new[] { "q=%ED%A0%80x", "q=%FF%FE", "q=gr%00een", "q=green&q=blue", "q=a%5Fb%40wild" })
        {
            var response = await t.User.GetAsync($"/api/accounts?{raw}");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{raw}: {(int)response.StatusCode}");
        }

        Assert.Equal(["acc-under", "acc-x"], await t.IdsAsync("logistics")); // the table is still there, ordered by name
    }
}
