using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Testing;

namespace NavusoftSync.Calendar.IntegrationTests;

/// <summary>
/// Test helpers: append the Synchronization module's recorded events straight to their streams in a
/// tenant session (what the sync would have done), wait for the async daemon, call the API.
/// </summary>
internal static class CalendarWorld
{
    public static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task AppendAsync(this AppFixture fixture, string tenant, string stream, params object[] events)
    {
        var store = fixture.App.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession(tenant))
        {
            session.Events.Append(stream, events);
            await session.SaveChangesAsync();
        }

        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    public static ThreadMessageRecorded Message(string thread, string message, DateTimeOffset sentAt, string subject = "Dumpster swap", string from = "dana@hauler.example", string to = "Pat@Customer.com") =>
        new(thread, message, subject, new Participant("Dana", from), [new Participant("Pat", to)], [new Participant(null, "ops@hauler.example")], sentAt, "snippet of " + message, "body of " + message, At);

    public static ThreadMessageHeld Held(string thread, string message, string user, string link = "link-1") => new(thread, message, user, link, At);

    public static ThreadMessageReleased Released(string thread, string message, string user, string link = "link-1") => new(thread, message, user, link, At);

    public static ThreadAccountMatched Matched(string thread, string account, params string[] contacts) => new(thread, account, contacts.Length == 0 ? ["pat@customer.com"] : contacts, At);

    public static AppointmentScheduled Meeting(string key, When start, When end, string title = "Site visit", bool allDay = false) =>
        new(key, title, start, end, allDay, "Yard 3", new Participant("Dana", "dana@hauler.example"),
            [new Attendee("Pat", "Pat@Customer.com", "accepted"), new Attendee(null, "ops@hauler.example", "none")], "Look at the bins", At);

    public static AppointmentHeld Holds(string key, string user, string link = "link-1") => new(key, user, link, At);

    public static AppointmentAccountMatched MeetingMatched(string key, string account) => new(key, account, ["pat@customer.com"], At);

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task AssertStatusAsync(this HttpClient client, string path, HttpStatusCode status)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static async Task<JsonElement> AssertValidationProblemAsync(this HttpClient client, string path, params string[] fields)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out var messages), $"no error for '{field}' in {errors}");
            Assert.True(messages.GetArrayLength() > 0);
        }

        return problem;
    }

    /// <summary>The range answer flattened to "date: id@start" lines, the easiest thing to compare.</summary>
    public static List<string> Placements(JsonElement range) =>
        [.. range.GetProperty("days").EnumerateArray().SelectMany(d =>
            d.GetProperty("items").EnumerateArray().Select(i => $"{d.GetProperty("date").GetString()}: {i.GetProperty("id").GetString()}@{i.GetProperty("start").GetString()}"))];

    public static List<string> Ids(JsonElement answer) =>
        answer.TryGetProperty("days", out var days)
            ? [.. days.EnumerateArray().SelectMany(d => d.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!))]
            : [.. answer.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
}
