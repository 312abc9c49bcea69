using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Audit.Rebuilds;
using NavusoftSync.Testing;
using NavusoftSync.Calendar.Contracts;
using NavusoftSync.Synchronization.Contracts.Recorded;
using Npgsql;

namespace NavusoftSync.Audit.IntegrationTests;

/// <summary>The host with one extra async projection, so a rebuild has something to replay.</summary>
public sealed class RebuildFixture : AppFixture
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureMarten(o => o.Projections.Add(
            new AuditTrailProjection(), ProjectionLifecycle.Async, AuditTrailProjection.Name, a => a.DeleteViewTypeOnTeardown<AuditTrailEntry>()));
}

/// <summary>
/// A rebuild replays every async projection from the event store while the API keeps answering,
/// and every answer is the same afterwards.
/// </summary>
public sealed class RebuildTests(RebuildFixture fixture) : IClassFixture<RebuildFixture>
{
    private static readonly string[] Tenants = ["t-rebuild-a", "t-rebuild-b"];

    /// <summary>
    /// The answers compared before and after a rebuild, per tenant (an admin's token). Add a call
    /// here and it is compared too (the calendar calls, once the Calendar module is merged).
    /// </summary>
    private static readonly string[] Calls =
    [
        "/api/accounts/ACC-1",
        "/api/accounts/ACC-2",
        "/api/contacts?email=pat@rebuild.example",
        "/api/audit/streams/ACC-1/events",
        "/api/audit/streams/ACC-2/state?version=2",
        "/api/accounts/ACC-1/calendar?from=2026-01-01&to=2026-01-31",
        "/api/accounts/ACC-1/calendar?from=2026-01-01&to=2026-01-31&tz=Australia/Sydney",
        "/api/accounts/ACC-2/calendar?from=2026-01-01&to=2026-01-31&tz=America/Chicago",
        "/api/accounts/ACC-1/calendar/days/2026-01-05",
        "/api/emails/thread-rebuild-1",
        "/api/appointments/appt-rebuild-1",
    ];

    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_rebuild_replays_the_async_projections_and_every_answer_is_the_same_afterwards()
    {
        foreach (var tenant in Tenants)
        {
            var admin = fixture.ClientFor(Tokens.Admin(tenant));
            Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/accounts/ACC-1", new { name = $"One of {tenant}", contacts = new[] { new { contactId = "c1", name = "Pat", email = "pat@rebuild.example" } } })).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/accounts/ACC-2", new { name = "Two", contacts = new[] { new { contactId = "c2", name = "Sam", email = "sam@rebuild.example" } } })).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/accounts/ACC-2/contacts", new { contactId = "c3", name = "Pat", email = "pat@rebuild.example" })).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/accounts/ACC-2/contacts/c2")).StatusCode);
            await AppendCalendarHistoryAsync(tenant);
        }

        var store = fixture.App.Services.GetRequiredService<IDocumentStore>();
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var before = await AnswersAsync();
        Assert.Equal(6, (await TrailAsync(Tenants[0])).Count); // ACC-1: registered, added; ACC-2: registered, added, added, removed
        Assert.Equal(6, (await TrailAsync(Tenants[1])).Count);

        // The projection's rows are lost: the answers differ until the rebuild restores them.
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var wipe = new NpgsqlCommand("DELETE FROM navusoft.mt_doc_audittrailentry", connection);
            Assert.Equal(12, await wipe.ExecuteNonQueryAsync());
            await using var wipeCalendar = new NpgsqlCommand("DELETE FROM calendar.mt_doc_email_thread; DELETE FROM calendar.mt_doc_appointment; DELETE FROM calendar.mt_doc_entry", connection);
            Assert.True(await wipeCalendar.ExecuteNonQueryAsync() > 0);
        }

        Assert.NotEqual(before, await AnswersAsync());

        var admin0 = fixture.ClientFor(Tokens.Admin(Tenants[0]));
        var operatorClient = fixture.ClientFor(Tokens.Operator());
        var accepted = await operatorClient.PostAsync("/api/admin/projections/rebuild", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("/api/admin/projections", accepted.Headers.Location?.OriginalString);
        var run = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([AuditTrailProjection.Name, CalendarProjectionNames.Calendar], run.GetProperty("projections").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order(StringComparer.Ordinal));

        // The API keeps answering while the rebuild runs.
        JsonElement overview;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        do
        {
            Assert.Equal(HttpStatusCode.OK, (await admin0.GetAsync("/api/accounts/ACC-1")).StatusCode);
            overview = await operatorClient.GetFromJsonAsync<JsonElement>("/api/admin/projections");
            Assert.True(DateTimeOffset.UtcNow < deadline, overview.ToString());
            await Task.Delay(100);
        }
        while (overview.GetProperty("rebuild").GetProperty("state").GetString() == "Running");

        Assert.Equal("Completed", overview.GetProperty("rebuild").GetProperty("state").GetString());
        Assert.Equal(2, overview.GetProperty("projections").GetArrayLength());
        foreach (var rebuilt in overview.GetProperty("projections").EnumerateArray())
        {
            Assert.Equal("Completed", rebuilt.GetProperty("rebuild").GetProperty("state").GetString());
            Assert.NotEqual(JsonValueKind.Null, rebuilt.GetProperty("rebuild").GetProperty("finishedAt").ValueKind);
        }

        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(before, await AnswersAsync());
        overview = await operatorClient.GetFromJsonAsync<JsonElement>("/api/admin/projections");
        Assert.All(overview.GetProperty("projections").EnumerateArray(), p => Assert.Equal(overview.GetProperty("highWaterMark").GetInt64(), p.GetProperty("processed").GetInt64()));

        // After the rebuild the projection keeps following new events.
        var admin1 = fixture.ClientFor(Tokens.Admin(Tenants[1]));
        Assert.Equal(HttpStatusCode.Created, (await admin1.PostAsJsonAsync("/api/accounts/ACC-1/contacts", new { contactId = "c4", name = "Lee", email = "lee@rebuild.example" })).StatusCode);
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(7, (await TrailAsync(Tenants[1])).Count);
    }

    [Fact]
    public async Task A_second_rebuild_while_one_runs_on_any_host_is_a_409()
    {
        // Another host's rebuild holds the advisory lock.
        await using var otherHost = new NpgsqlConnection(fixture.ConnectionString);
        await otherHost.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({ProjectionRebuilds.RebuildLockKey})", otherHost))
        {
            await take.ExecuteNonQueryAsync();
        }

        var refused = await fixture.ClientFor(Tokens.Operator()).PostAsync("/api/admin/projections/rebuild", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({ProjectionRebuilds.RebuildLockKey})", otherHost))
        {
            await release.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A thread on ACC-1's calendar and a meeting on ACC-2's, as the Synchronization module records them.</summary>
    private async Task AppendCalendarHistoryAsync(string tenant)
    {
        var store = fixture.App.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession(tenant);
        var pat = new Participant("Pat", "pat@rebuild.example");
        var dana = new Participant("Dana", "dana@hauler.example");
        session.Events.Append(
            "thread-rebuild-1",
            new ThreadMessageRecorded("thread-rebuild-1", "mid:m1@x", "Bin swap", dana, [pat], [], new DateTimeOffset(2026, 1, 5, 23, 30, 0, TimeSpan.Zero), "snippet", "body", At),
            new ThreadMessageHeld("thread-rebuild-1", "mid:m1@x", "dana", "link-1", At),
            new ThreadMessageRecorded("thread-rebuild-1", "mid:m0@x", "Bin swap?", pat, [dana], [], new DateTimeOffset(2026, 1, 4, 9, 0, 0, TimeSpan.Zero), "earlier", "first body", At),
            new ThreadAccountMatched("thread-rebuild-1", "ACC-1", ["pat@rebuild.example"], At));
        session.Events.Append(
            "appt-rebuild-1",
            new AppointmentScheduled("appt-rebuild-1", "Yard walk", When.At(new DateTimeOffset(2026, 1, 10, 15, 0, 0, TimeSpan.Zero)), When.At(new DateTimeOffset(2026, 1, 10, 16, 0, 0, TimeSpan.Zero)), false, "Yard 3", dana, [new Attendee("Pat", "pat@rebuild.example", "accepted")], null, At),
            new AppointmentAccountMatched("appt-rebuild-1", "ACC-2", ["pat@rebuild.example"], At),
            new AppointmentRescheduled("appt-rebuild-1", When.At(new DateTimeOffset(2026, 1, 12, 15, 0, 0, TimeSpan.Zero)), When.At(new DateTimeOffset(2026, 1, 12, 16, 0, 0, TimeSpan.Zero)), false, At));
        await session.SaveChangesAsync();
    }

    /// <summary>Every call of <see cref="Calls"/> for every tenant, and the projection's rows, as raw text.</summary>
    private async Task<SortedDictionary<string, string>> AnswersAsync()
    {
        var answers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var tenant in Tenants)
        {
            var admin = fixture.ClientFor(Tokens.Admin(tenant));
            foreach (var call in Calls)
            {
                var response = await admin.GetAsync(call);
                answers[$"{tenant}|{call}"] = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }

            answers[$"{tenant}|projection"] = string.Join('\n', (await TrailAsync(tenant)).Select(e => e.ToString()));
        }

        return answers;
    }

    private async Task<List<AuditTrailEntry>> TrailAsync(string tenant)
    {
        await using var session = fixture.App.Services.GetRequiredService<IDocumentStore>().QuerySession(tenant);
        return [.. (await session.Query<AuditTrailEntry>().ToListAsync()).OrderBy(e => e.StreamId, StringComparer.Ordinal).ThenBy(e => e.Version)];
    }
}
