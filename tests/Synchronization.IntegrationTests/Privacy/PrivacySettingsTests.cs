using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Testing;

namespace NavusoftSync.Synchronization.IntegrationTests.Privacy;

/// <summary>
/// <c>GET</c>/<c>PUT /api/admin/privacy</c> and <c>/api/me/privacy</c> over HTTP on the real host: who may call them,
/// what they store (normalized, every change one event of the tenant's privacy stream with who and why), the field errors
/// of bad input, a user's level never looser than the tenant's, and tenants kept apart.
/// </summary>
public sealed class PrivacySettingsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_admin_sets_the_tenant_policy_normalized_and_the_change_is_an_event_with_who_and_why()
    {
        var admin = fixture.ClientFor(Tokens.Admin("tenant-privacy-a", "admin-7"));
        var put = await admin.PutAsJsonAsync("/api/admin/privacy", new
        {
            blocklist = new[] { " News@Mailer.Example ", "@Spam.Example", "@spam.example" },
            internalDomains = new[] { "Hauler.Example", "@ops.hauler.example" },
            excludeInternal = true,
            excludeBulk = true,
            accountVisibility = "subject",
            reason = "Ticket TR-88: newsletters off the calendars",
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var got = await admin.GetFromJsonAsync<JsonElement>("/api/admin/privacy");
        Assert.Equal(["@spam.example", "news@mailer.example"], Strings(got, "blocklist"));
        Assert.Equal(["hauler.example", "ops.hauler.example"], Strings(got, "internalDomains"));
        Assert.True(got.GetProperty("excludeInternal").GetBoolean());
        Assert.True(got.GetProperty("excludeBulk").GetBoolean());
        Assert.Equal("subject", got.GetProperty("accountVisibility").GetString());
        Assert.Equal(1, got.GetProperty("version").GetInt64());

        await using var session = fixture.App.Services.GetRequiredService<IDocumentStore>().QuerySession("tenant-privacy-a");
        var events = await session.Events.FetchStreamAsync(PrivacyState.StreamKey);
        var set = Assert.IsType<PrivacyPolicySet>(Assert.Single(events).Data);
        Assert.Equal("admin-7", set.ChangedBy);
        Assert.Equal("Ticket TR-88: newsletters off the calendars", set.Reason);

        // The same policy again changes nothing: no second event.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/privacy", new
        {
            blocklist = new[] { "@spam.example", "news@mailer.example" },
            internalDomains = new[] { "hauler.example", "ops.hauler.example" },
            excludeInternal = true,
            excludeBulk = true,
            accountVisibility = "subject",
        })).StatusCode);
        Assert.Single(await session.Events.FetchStreamAsync(PrivacyState.StreamKey));
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>("/api/admin/privacy")).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task The_privacy_snapshot_is_the_one_fold_and_every_change_moves_its_version()
    {
        var at = DateTimeOffset.Parse("2026-11-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        IReadOnlyList<object> history =
        [
            new PrivacyPolicySet(new PrivacyPolicy(["@spam.example"], ["hauler.example"], true, true, "subject"), "admin-1", "first", at),
            new UserPrivacySet("dana", new UserPrivacy(["me@home.example"], "metadata"), "dana", null, at.AddMinutes(1)),
            new UserPrivacySet("dana", new UserPrivacy([], "metadata"), "dana", "undo", at.AddMinutes(2)),
            new PrivacyPolicySet(PrivacyPolicy.Default, "admin-2", null, at.AddMinutes(3)),
        ];
        var store = fixture.App.Services.GetRequiredService<IDocumentStore>();
        await NavusoftSync.Testing.EvolveParity.AssertMartenFoldsAsync<PrivacyState>(store, "tenant-privacy-f", PrivacyState.StreamKey, history, PrivacyState.Fold);
        Assert.Empty(NavusoftSync.Testing.EvolveParity.Unchanged<PrivacyState>(history, PrivacyState.Fold));

        await using var session = store.QuerySession("tenant-privacy-f");
        var state = await session.LoadAsync<PrivacyState>(PrivacyState.StreamKey);
        Assert.Equal(4, state!.Changes);
        Assert.Equal("4", state.VisibilityRules().Version);
        Assert.Equal("metadata", state.VisibilityRules().LevelOf("dana"));
    }

    [Fact]
    public async Task Bad_entries_answer_400_with_the_field_named_and_store_nothing()
    {
        var admin = fixture.ClientFor(Tokens.Admin("tenant-privacy-b"));
        var put = await admin.PutAsJsonAsync("/api/admin/privacy", new
        {
            blocklist = new[] { "ok@example.com", "not an address", "@", "@nodot" },
            internalDomains = new[] { "exa mple.com" },
            excludeInternal = false,
            excludeBulk = false,
            accountVisibility = "everything",
            reason = "line\u0000break",
        });
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        var errors = (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var fields = errors.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(fields, f => f.StartsWith("blocklist", StringComparison.Ordinal));
        Assert.Contains(fields, f => f.StartsWith("internalDomains", StringComparison.Ordinal));
        Assert.Contains("accountVisibility", fields);
        Assert.Contains("reason", fields);
        Assert.DoesNotContain(fields, f => f == "blocklist[0]");

        var excludeWithoutDomains = await admin.PutAsJsonAsync("/api/admin/privacy", new { excludeInternal = true });
        Assert.Equal(HttpStatusCode.BadRequest, excludeWithoutDomains.StatusCode);
        Assert.True((await excludeWithoutDomains.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("internalDomains", out _));

        var malformed = await admin.PutAsync("/api/admin/privacy", new StringContent("{\"blocklist\": 7", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        var got = await admin.GetFromJsonAsync<JsonElement>("/api/admin/privacy");
        Assert.Empty(Strings(got, "blocklist"));
        Assert.Equal(0, got.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task An_oversized_policy_answers_400_and_stores_nothing()
    {
        var admin = fixture.ClientFor(Tokens.Admin("tenant-privacy-g"));
        var tooMany = Enumerable.Range(0, PrivacyEntries.MaxEntries + 1).Select(i => $"sender{i}@example.com").ToArray();
        var huge = new string('a', 100_000) + "@example.com";
        foreach (var body in new object[]
        {
            new { blocklist = tooMany },
            new { internalDomains = tooMany.Select(a => a.Split('@')[0] + ".example.com").ToArray() },
            new { blocklist = new[] { huge } },
            new { reason = new string('r', 600) },
        })
        {
            var put = await admin.PutAsJsonAsync("/api/admin/privacy", body);
            Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
            Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        }

        var mine = await fixture.ClientFor(Tokens.User("tenant-privacy-g")).PutAsJsonAsync("/api/me/privacy", new { blocklist = tooMany });
        Assert.Equal(HttpStatusCode.BadRequest, mine.StatusCode);
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/api/admin/privacy")).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_user_cannot_read_or_set_the_tenant_policy_and_nobody_without_a_token_can()
    {
        var user = fixture.ClientFor(Tokens.User("tenant-privacy-c"));
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/admin/privacy")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PutAsJsonAsync("/api/admin/privacy", new { excludeBulk = true })).StatusCode);
        var anonymous = fixture.App.Server.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/privacy")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me/privacy")).StatusCode);
    }

    [Fact]
    public async Task A_user_adds_to_the_blocklist_and_may_only_be_stricter_than_the_tenant()
    {
        var admin = fixture.ClientFor(Tokens.Admin("tenant-privacy-d"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/privacy", new { accountVisibility = "subject" })).StatusCode);
        var dana = fixture.ClientFor(Tokens.User("tenant-privacy-d", "dana"));

        var looser = await dana.PutAsJsonAsync("/api/me/privacy", new { accountVisibility = "full" });
        Assert.Equal(HttpStatusCode.BadRequest, looser.StatusCode);
        Assert.True((await looser.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("accountVisibility", out _));

        var ok = await dana.PutAsJsonAsync("/api/me/privacy", new { blocklist = new[] { "@Family.Example", "me@home.example" }, accountVisibility = "metadata", reason = "personal mail" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var mine = await dana.GetFromJsonAsync<JsonElement>("/api/me/privacy");
        Assert.Equal(["@family.example", "me@home.example"], Strings(mine, "blocklist"));
        Assert.Equal("metadata", mine.GetProperty("accountVisibility").GetString());
        Assert.Equal("subject", mine.GetProperty("tenantAccountVisibility").GetString());
        Assert.Equal("metadata", mine.GetProperty("effectiveAccountVisibility").GetString());

        // Another user of the tenant has settings of their own; the tenant's level leaves without a field.
        var lee = await fixture.ClientFor(Tokens.User("tenant-privacy-d", "lee")).GetFromJsonAsync<JsonElement>("/api/me/privacy");
        Assert.Empty(Strings(lee, "blocklist"));
        Assert.Equal("subject", lee.GetProperty("effectiveAccountVisibility").GetString());

        // A tenant that tightens later wins over a user's looser level.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/privacy", new { accountVisibility = "metadata" })).StatusCode);
        var danaAfter = await dana.GetFromJsonAsync<JsonElement>("/api/me/privacy");
        Assert.Equal("metadata", danaAfter.GetProperty("effectiveAccountVisibility").GetString());

        await using var session = fixture.App.Services.GetRequiredService<IDocumentStore>().QuerySession("tenant-privacy-d");
        var set = (await session.Events.FetchStreamAsync(PrivacyState.StreamKey)).Select(e => e.Data).OfType<UserPrivacySet>().Single();
        Assert.Equal(("dana", "dana", "personal mail"), (set.UserId, set.ChangedBy, set.Reason));
    }

    [Fact]
    public async Task One_tenants_policy_is_never_another_tenants()
    {
        var first = fixture.ClientFor(Tokens.Admin("tenant-privacy-e1"));
        Assert.Equal(HttpStatusCode.OK, (await first.PutAsJsonAsync("/api/admin/privacy", new { blocklist = new[] { "@only-e1.example" }, accountVisibility = "metadata" })).StatusCode);
        var second = await fixture.ClientFor(Tokens.Admin("tenant-privacy-e2")).GetFromJsonAsync<JsonElement>("/api/admin/privacy");
        Assert.Empty(Strings(second, "blocklist"));
        Assert.Equal("full", second.GetProperty("accountVisibility").GetString());
    }

    private static List<string> Strings(JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];
}
