using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Calendar.Viewing;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Testing;
using static NavusoftSync.Calendar.IntegrationTests.CalendarWorld;
using static NavusoftSync.Calendar.IntegrationTests.PrivacyWorld;

namespace NavusoftSync.Calendar.IntegrationTests;

/// <summary>
/// Kept answers and entity tags: a repeated call is served from the answer cache with the same bytes,
/// a projected change shows in the very next answer, a tenant never gets another's answer, and
/// <c>If-None-Match</c> with the current tag answers 304; one user's view of an account calendar is never served or
/// tagged as another's, and a change of the visibility levels renews account answers and their tags.
/// </summary>
public sealed class AnswerCacheTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string November = "/api/me/calendar?from=2026-11-01&to=2026-11-30";
    private static readonly DateTimeOffset Sent = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    private CalendarAnswerCache Cache => fixture.App.Services.GetRequiredService<CalendarAnswerCache>();

    private async Task<string> SeedAsync(string thread = "thread-1", string subject = "Dumpster swap")
    {
        var tenant = Unique("t");
        await fixture.AppendAsync(tenant, thread, Message(thread, "m1", Sent, subject), Held(thread, "m1", "dana"), Matched(thread, "acc-1"));
        return tenant;
    }

    [Fact]
    public async Task A_repeated_call_is_served_from_the_cache_with_the_bytes_the_serializer_writes()
    {
        var dana = fixture.ClientFor(Tokens.User(await SeedAsync(), "dana"));
        var (first, firstTag) = await GetAsync(dana, November);
        var hits = Cache.Hits;
        var (second, secondTag) = await GetAsync(dana, November);

        Assert.Equal(hits + 1, Cache.Hits);
        Assert.Equal(first, second);
        Assert.Equal(firstTag, secondTag);
        var range = JsonSerializer.Deserialize(first, CalendarJson.Default.CalendarRange)!;
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(range, CalendarJson.Default.CalendarRange), first);
        Assert.Equal(["thread-1"], range.Days.SelectMany(d => d.Items).Select(i => i.Id));
    }

    [Fact]
    public async Task A_projected_change_shows_in_the_next_answer_whatever_was_kept()
    {
        var tenant = await SeedAsync();
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));
        var account = "/api/accounts/acc-1/calendar?from=2026-11-01&to=2026-11-30&tz=America/Chicago";
        var day = "/api/me/calendar/days/2026-11-20";
        var (_, rangeTag) = await GetAsync(dana, November);
        var (_, accountTag) = await GetAsync(dana, account);
        var (_, dayTag) = await GetAsync(dana, day);
        await GetAsync(dana, November);

        // A new item (entries stored), then one message released (an entry deleted from Dana's calendar only).
        await fixture.AppendAsync(tenant, "thread-2", Message("thread-2", "m2", Sent.AddHours(1)), Held("thread-2", "m2", "dana"), Matched("thread-2", "acc-1"));
        Assert.Equal(["thread-1", "thread-2"], Ids(await dana.GetJsonAsync(November)));
        Assert.Equal(["thread-1", "thread-2"], Ids(await dana.GetJsonAsync(account)));
        Assert.Equal(["thread-1", "thread-2"], Ids(await dana.GetJsonAsync(day)));
        Assert.NotEqual(rangeTag, (await GetAsync(dana, November)).ETag);
        Assert.NotEqual(accountTag, (await GetAsync(dana, account)).ETag);
        Assert.NotEqual(dayTag, (await GetAsync(dana, day)).ETag);

        await fixture.AppendAsync(tenant, "thread-1", Released("thread-1", "m1", "dana"));
        Assert.Equal(["thread-2"], Ids(await dana.GetJsonAsync(November)));
        Assert.Equal(["thread-2"], Ids(await dana.GetJsonAsync(day)));
        Assert.Equal(["thread-1", "thread-2"], Ids(await dana.GetJsonAsync(account)));

        // A changed entry (the subject of an earlier first message) shows too.
        await fixture.AppendAsync(tenant, "thread-2", Message("thread-2", "m0", Sent.AddMinutes(30), "Earlier subject"));
        var items = (await dana.GetJsonAsync(November)).GetProperty("days")[0].GetProperty("items");
        Assert.Equal("Earlier subject", items[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Another_tenant_never_gets_a_kept_answer_or_a_304()
    {
        var first = await SeedAsync("thread-1", "First tenant");
        var second = await SeedAsync("thread-1", "Second tenant");
        var empty = Unique("e");
        var account = "/api/accounts/acc-1/calendar?from=2026-11-01&to=2026-11-30";

        var (_, firstTag) = await GetAsync(fixture.ClientFor(Tokens.User(first, "dana")), November);
        var (_, firstAccountTag) = await GetAsync(fixture.ClientFor(Tokens.User(first, "dana")), account);
        await GetAsync(fixture.ClientFor(Tokens.User(first, "dana")), November);

        var secondDana = fixture.ClientFor(Tokens.User(second, "dana"));
        Assert.Equal("Second tenant", (await secondDana.GetJsonAsync(November)).GetProperty("days")[0].GetProperty("items")[0].GetProperty("title").GetString());
        Assert.Equal("Second tenant", (await secondDana.GetJsonAsync(account)).GetProperty("days")[0].GetProperty("items")[0].GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(secondDana, November, firstTag!)).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(secondDana, account, firstAccountTag!)).Status);

        var emptyDana = fixture.ClientFor(Tokens.User(empty, "dana"));
        Assert.Empty(Ids(await emptyDana.GetJsonAsync(November)));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(emptyDana, November, firstTag!)).Status);
        await emptyDana.AssertStatusAsync(account, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_current_tag_in_If_None_Match_answers_304_and_any_other_the_answer()
    {
        var tenant = await SeedAsync();
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));
        using (var response = await dana.GetAsync(November))
        {
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            Assert.True(response.Headers.CacheControl is { Private: true, NoCache: true }, $"Cache-Control: {response.Headers.CacheControl}");
        }

        var (body, tag) = await GetAsync(dana, November);
        Assert.NotNull(tag);
        foreach (var ifNoneMatch in new[] { tag, $"W/{tag}", $"\"other\", {tag}" })
        {
            var (notModified, status, again) = await SendAsync(dana, November, ifNoneMatch);
            Assert.Equal(HttpStatusCode.NotModified, status);
            Assert.Empty(notModified);
            Assert.Equal(tag, again);
        }

        Assert.Equal(HttpStatusCode.NotModified, (await SendAsync(dana, November, "*")).Status); // any current version

        var (other, otherStatus, _) = await SendAsync(dana, November, "\"other\"");
        Assert.Equal(HttpStatusCode.OK, otherStatus);
        Assert.Equal(body, other);

        // Each answer has its own tag: another zone (here from the token), range or shape.
        var chicago = fixture.ClientFor(Tokens.User(tenant, "dana", "America/Chicago"));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(chicago, November, tag!)).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(dana, "/api/me/calendar?from=2026-11-01&to=2026-11-29", tag!)).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(dana, "/api/me/calendar/days/2026-11-20", tag!)).Status);

        // After a change the old tag no longer matches.
        await fixture.AppendAsync(tenant, "thread-2", Message("thread-2", "m2", Sent), Held("thread-2", "m2", "dana"));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(dana, November, tag!)).Status);
    }

    [Fact]
    public async Task One_user_s_view_of_an_account_calendar_is_never_served_to_another()
    {
        var tenant = await SeedAsync();
        await fixture.SetTenantVisibilityAsync(tenant, "metadata");
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana")); // holds thread-1
        var kim = fixture.ClientFor(Tokens.User(tenant, "kim"));
        foreach (var path in new[] { "/api/accounts/acc-1/calendar?from=2026-11-01&to=2026-11-30", "/api/accounts/acc-1/calendar/days/2026-11-20" })
        {
            var (holder, holderTag) = await GetAsync(dana, path);
            var (other, otherTag) = await GetAsync(kim, path);
            var hits = Cache.Hits;
            var (holderAgain, holderAgainTag) = await GetAsync(dana, path);
            var (otherAgain, _) = await GetAsync(kim, path);

            Assert.Equal(["thread-1 Dumpster swap full"], Shown(JsonDocument.Parse(holder).RootElement));
            Assert.Equal(["thread-1 Email metadata"], Shown(JsonDocument.Parse(other).RootElement));
            Assert.Equal(holder, holderAgain);
            Assert.Equal(holderTag, holderAgainTag);
            Assert.Equal(other, otherAgain);
            Assert.Equal(hits + 2, Cache.Hits); // both kept, each for its own caller

            Assert.NotEqual(holderTag, otherTag);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(kim, path, holderTag!)).Status);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(dana, path, otherTag!)).Status);
            Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(kim, path, otherTag!)).Status);
            Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(dana, path, holderTag!)).Status);
        }
    }

    [Fact]
    public async Task A_privacy_change_shows_in_the_next_account_answer_and_renews_its_tag()
    {
        var tenant = await SeedAsync();
        var kim = fixture.ClientFor(Tokens.User(tenant, "kim"));
        var account = "/api/accounts/acc-1/calendar?from=2026-11-01&to=2026-11-30";
        var (_, fullTag) = await GetAsync(kim, account);
        await GetAsync(kim, account);

        await fixture.SetTenantVisibilityAsync(tenant, "metadata");
        var (body, metadataTag) = await GetAsync(kim, account);
        Assert.Equal(["thread-1 Email metadata"], Shown(JsonDocument.Parse(body).RootElement));
        Assert.NotEqual(fullTag, metadataTag);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(kim, account, fullTag!)).Status);

        // A change that changes no level keeps the answer and its tag; a holder's own stricter level holds for their
        // items after the tenant loosens, and changing it changes what others see.
        await fixture.SetUserVisibilityAsync(tenant, "eli", "metadata");
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(kim, account, metadataTag!)).Status);
        await fixture.SetUserVisibilityAsync(tenant, "dana", "metadata");
        await fixture.SetTenantVisibilityAsync(tenant, "full");
        var (own, ownTag) = await GetAsync(kim, account);
        Assert.Equal(["thread-1 Email metadata"], Shown(JsonDocument.Parse(own).RootElement));
        await fixture.SetUserVisibilityAsync(tenant, "dana", "subject");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(kim, account, ownTag!)).Status);
        var (subject, subjectTag) = await GetAsync(kim, account);
        Assert.Equal(["thread-1 Dumpster swap subject"], Shown(JsonDocument.Parse(subject).RootElement));
        Assert.NotEqual(fullTag, subjectTag);

        // A private mark is a change of the entries: the stamp and the tag are new.
        await fixture.AppendAsync(tenant, "thread-1", new ThreadMarkedPrivate("thread-1", "dana", true, At));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(kim, account, subjectTag!)).Status);
        var (marked, _) = await GetAsync(kim, account);
        Assert.Equal(["thread-1 Private email private"], Shown(JsonDocument.Parse(marked).RootElement));
    }

    [Fact]
    public async Task An_account_calendar_with_nothing_in_the_range_is_neither_tagged_nor_kept()
    {
        var tenant = await SeedAsync();
        var admin = fixture.ClientFor(Tokens.Admin(tenant));
        Assert.True((await admin.PutAsJsonAsync("/api/accounts/acc-1", new { name = "Acme", contacts = new[] { new { contactId = "c1", name = "Pat", email = "pat@customer.com" } } })).IsSuccessStatusCode);
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));
        var december = "/api/accounts/acc-1/calendar?from=2026-12-01&to=2026-12-31";

        var (_, tag) = await GetAsync(dana, december);
        var hits = Cache.Hits;
        Assert.Null(tag);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(dana, december, "*")).Status); // no version to match
        Assert.Empty(Ids(await dana.GetJsonAsync(december)));
        Assert.Equal(hits, Cache.Hits);
    }

    private static async Task<(byte[] Body, string? ETag)> GetAsync(HttpClient client, string path)
    {
        var (body, status, tag) = await SendAsync(client, path, null);
        Assert.Equal(HttpStatusCode.OK, status);
        return (body, tag);
    }

    private static async Task<(HttpStatusCode Status, string? ETag)> GetAsync(HttpClient client, string path, string ifNoneMatch)
    {
        var (_, status, tag) = await SendAsync(client, path, ifNoneMatch);
        return (status, tag);
    }

    private static async Task<(byte[] Body, HttpStatusCode Status, string? ETag)> SendAsync(HttpClient client, string path, string? ifNoneMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        using var response = await client.SendAsync(request);
        return (await response.Content.ReadAsByteArrayAsync(), response.StatusCode, response.Headers.ETag?.ToString());
    }
}
