using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.Testing;

namespace NavusoftSync.Audit.IntegrationTests;

/// <summary>
/// An account stream written through the API, read back through the audit calls: its events with
/// their headers, pages, its state as of a version or an instant, and who may read it.
/// </summary>
public sealed class StreamAuditTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    [Fact]
    public async Task Events_of_an_api_command_carry_the_request_trace_the_command_and_the_user()
    {
        var admin = fixture.ClientFor(Tokens.Admin("t-headers", "core-7"));
        using (var put = new HttpRequestMessage(HttpMethod.Put, "/api/accounts/ACC-H")
        {
            Content = JsonContent.Create(new { name = "Headers Co", contacts = new[] { new { contactId = "c1", name = "Pat", email = "pat@headers.example" } } }),
        })
        {
            put.Headers.Add("traceparent", $"00-{TraceId}-00f067aa0ba902b7-01");
            Assert.Equal(HttpStatusCode.Created, (await admin.SendAsync(put)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/accounts/ACC-H/contacts", new { contactId = "c2", name = "Sam", email = "sam@headers.example" })).StatusCode);

        var events = await AuditApi.EventsAsync(admin, "ACC-H");
        Assert.Equal(["contact_directory.account_registered", "contact_directory.contact_added", "contact_directory.contact_added"], events.Select(e => e.Type()));
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.GetProperty("version").GetInt64()));
        Assert.True(events.Select(e => e.GetProperty("sequence").GetInt64()).Order().SequenceEqual(events.Select(e => e.GetProperty("sequence").GetInt64())));
        Assert.Equal("ACC-H", events[0].GetProperty("data").GetProperty("accountId").GetString());
        Assert.Equal("pat@headers.example", events[1].GetProperty("data").GetProperty("email").GetString());

        var (first, second) = (events[0], events[2]);
        Assert.Equal(TraceId, first.Header("correlationId"));
        Assert.Equal(TraceId, events[1].Header("correlationId"));
        Assert.StartsWith("UpsertAccount/", first.Header("causationId"), StringComparison.Ordinal);
        Assert.Equal(first.Header("causationId"), events[1].Header("causationId"));
        Assert.Equal("core-7", first.Header("user"));
        Assert.False(string.IsNullOrWhiteSpace(first.Header("hostVersion")));
        Assert.Equal($"{Environment.MachineName}:{Environment.ProcessId}", first.Header("hostNode"));

        // Another request: another correlation (its own trace id) and another command.
        Assert.False(string.IsNullOrWhiteSpace(second.Header("correlationId")));
        Assert.NotEqual(TraceId, second.Header("correlationId"));
        Assert.StartsWith("AddContact/", second.Header("causationId"), StringComparison.Ordinal);
        Assert.Equal("core-7", second.Header("user"));
    }

    [Fact]
    public async Task The_state_as_of_a_version_or_an_instant_is_the_state_then_not_now()
    {
        var admin = fixture.ClientFor(Tokens.Admin("t-state"));
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/accounts/ACC-S", new { name = "Old Name", contacts = new[] { new { contactId = "c1", name = "Pat", email = "pat@state.example" } } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/accounts/ACC-S", new { name = "New Name", contacts = new[] { new { contactId = "c2", name = "Sam", email = "sam@state.example" } } })).StatusCode);

        var current = await AuditApi.StateAsync(admin, "ACC-S");
        Assert.Equal("Account", current.GetProperty("aggregateType").GetString());
        Assert.Equal("New Name", current.GetProperty("state").GetProperty("name").GetString());
        Assert.Equal(["c2"], current.GetProperty("state").GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("contactId").GetString()));
        var version = current.GetProperty("version").GetInt64();
        Assert.True(version >= 4, $"version {version}");

        var atTwo = await AuditApi.StateAsync(admin, "ACC-S", "?version=2");
        Assert.Equal(2, atTwo.GetProperty("version").GetInt64());
        Assert.Equal("Old Name", atTwo.GetProperty("state").GetProperty("name").GetString());
        Assert.Equal(["c1"], atTwo.GetProperty("state").GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("contactId").GetString()));

        var atOne = await AuditApi.StateAsync(admin, "ACC-S", "?version=1");
        Assert.Empty(atOne.GetProperty("state").GetProperty("contacts").EnumerateArray());

        // The as-of instants are the stored events' own timestamps (PostgreSQL's clock, microseconds),
        // never the test's: the first PUT's last event (version 2), one microsecond before the second
        // PUT's first (version 3), and the last event's.
        var events = await AuditApi.EventsAsync(admin, "ACC-S");
        var firstPut = events.Single(e => e.GetProperty("version").GetInt64() == 2).GetProperty("timestamp").GetDateTimeOffset();
        var secondPut = events.Single(e => e.GetProperty("version").GetInt64() == 3).GetProperty("timestamp").GetDateTimeOffset();
        Assert.True(firstPut < secondPut, $"{firstPut:O} < {secondPut:O}");

        foreach (var instant in new[] { firstPut, secondPut.AddTicks(-10) })
        {
            var asOf = await AuditApi.StateAsync(admin, "ACC-S", $"?asOf={Uri.EscapeDataString(instant.ToString("O"))}");
            Assert.Equal(2, asOf.GetProperty("version").GetInt64());
            Assert.Equal("Old Name", asOf.GetProperty("state").GetProperty("name").GetString());
        }

        var last = events[^1].GetProperty("timestamp").GetDateTimeOffset();
        var atSecond = await AuditApi.StateAsync(admin, "ACC-S", $"?asOf={Uri.EscapeDataString(last.ToString("O"))}");
        Assert.Equal(version, atSecond.GetProperty("version").GetInt64());
        Assert.Equal("New Name", atSecond.GetProperty("state").GetProperty("name").GetString());

        var before = await AuditApi.StateAsync(admin, "ACC-S", "?asOf=2000-01-01T00:00:00Z");
        Assert.Equal(0, before.GetProperty("version").GetInt64());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("state").ValueKind);
    }

    [Fact]
    public async Task Long_streams_come_in_pages_with_a_link_to_the_next()
    {
        var admin = fixture.ClientFor(Tokens.Admin("t-pages"));
        var contacts = Enumerable.Range(1, 5).Select(i => new { contactId = $"c{i}", name = $"Contact {i}", email = $"c{i}@pages.example" }).ToArray();
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/accounts/ACC-P", new { name = "Pages", contacts })).StatusCode);

        var all = await AuditApi.EventsAsync(admin, "ACC-P");
        Assert.Equal(6, all.Length);

        var versions = new List<long>();
        var next = "/api/audit/streams/ACC-P/events?limit=4";
        var pages = 0;
        while (next is not null)
        {
            var response = await admin.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            versions.AddRange((await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(e => e.GetProperty("version").GetInt64()));
            next = response.Headers.TryGetValues("Link", out var links) ? links.Single().Split(';')[0].Trim('<', '>') : null;
            pages++;
        }

        Assert.Equal(2, pages);
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], versions);
        Assert.Equal([5L, 6L], (await AuditApi.EventsAsync(admin, "ACC-P", "?fromVersion=5")).Select(e => e.GetProperty("version").GetInt64()));
    }

    [Theory]
    [InlineData("/events?limit=0", "limit")]
    [InlineData("/events?limit=1001", "limit")]
    [InlineData("/events?fromVersion=zero", "fromVersion")]
    [InlineData("/state?version=0", "version")]
    [InlineData("/state?version=abc", "version")]
    [InlineData("/state?version=99", "version")]
    [InlineData("/state?asOf=yesterday", "asOf")]
    [InlineData("/state?version=1&asOf=2026-01-01T00:00:00Z", "asOf")]
    public async Task Bad_versions_instants_and_limits_are_400_problems_naming_the_field(string call, string field)
    {
        var admin = fixture.ClientFor(Tokens.Admin("t-bad"));
        Assert.True((await admin.PutAsJsonAsync("/api/accounts/ACC-B", new { name = "Bad", contacts = Array.Empty<object>() })).IsSuccessStatusCode);

        var response = await admin.GetAsync($"/api/audit/streams/ACC-B{call}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Only_admins_read_and_only_their_own_tenant()
    {
        var owner = fixture.ClientFor(Tokens.Admin("t-owner"));
        Assert.Equal(HttpStatusCode.Created, (await owner.PutAsJsonAsync("/api/accounts/ACC-T", new { name = "Owned", contacts = Array.Empty<object>() })).StatusCode);

        foreach (var call in new[] { "/api/audit/streams/ACC-T/events", "/api/audit/streams/ACC-T/state" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.CreateClient().GetAsync(call)).StatusCode);
            var forbidden = await fixture.ClientFor(Tokens.User("t-owner")).GetAsync(call);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        }

        var stranger = fixture.ClientFor(Tokens.Admin("t-stranger"));
        foreach (var call in new[] { "/api/audit/streams/ACC-T/events", "/api/audit/streams/ACC-T/state", "/api/audit/streams/NOPE/events", "/api/audit/streams/NOPE/state" })
        {
            var response = await stranger.GetAsync(call);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Single(await AuditApi.EventsAsync(owner, "ACC-T"));
    }
}
