using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Calendar.Contracts;
using NavusoftSync.Calendar.Projections;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Testing;
using static NavusoftSync.Calendar.IntegrationTests.CalendarWorld;
using static NavusoftSync.Calendar.IntegrationTests.PrivacyWorld;

namespace NavusoftSync.Calendar.IntegrationTests;

/// <summary>
/// Rebuilding the calendar projection from the event store gives byte-identical answers, to holders and to others
/// (private marks and erasures included).
/// </summary>
public sealed class RebuildTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly DateTimeOffset Sent = new(2026, 3, 8, 5, 30, 0, TimeSpan.Zero);

    private static readonly string[] Calls =
    [
        "/api/me/calendar?from=2026-03-01&to=2026-03-31",
        "/api/me/calendar?from=2026-03-01&to=2026-03-31&tz=America/Chicago",
        "/api/me/calendar?from=2026-03-01&to=2026-03-31&tz=Australia/Sydney",
        "/api/me/calendar/days/2026-03-08?tz=Europe/London",
        "/api/accounts/acc-1/calendar?from=2026-03-01&to=2026-03-31&tz=America/Chicago",
        "/api/accounts/acc-2/calendar/days/2026-03-07?tz=America/Chicago",
        "/api/emails/thread-1",
        "/api/emails/thread-2",
        "/api/appointments/appt-1",
        "/api/appointments/appt-2",
    ];

    /// <summary>What a user who holds nothing reads: every item at the tenant's level, marked ones private.</summary>
    private static readonly string[] OthersCalls =
    [
        "/api/accounts/acc-1/calendar?from=2026-03-01&to=2026-03-31&tz=America/Chicago",
        "/api/accounts/acc-2/calendar/days/2026-03-07?tz=America/Chicago",
        "/api/accounts/acc-1/calendar/days/2026-03-08",
        "/api/emails/thread-1",
        "/api/emails/thread-2",
        "/api/emails/thread-3",
        "/api/appointments/appt-2",
    ];

    [Fact]
    public async Task Rebuilding_from_the_event_store_gives_byte_identical_answers()
    {
        var tenant = Unique("t");
        var other = Unique("o");
        await fixture.AppendAsync(tenant, "thread-1",
            Message("thread-1", "m2", Sent.AddHours(3)), Held("thread-1", "m2", "dana"), Held("thread-1", "m2", "eli"), Matched("thread-1", "acc-1"), Matched("thread-1", "acc-2"));
        await fixture.AppendAsync(tenant, "thread-1", Message("thread-1", "m1", Sent, "First"), Held("thread-1", "m1", "dana"), Released("thread-1", "m2", "eli"));
        await fixture.AppendAsync(tenant, "thread-2", Message("thread-2", "m9", Sent.AddDays(1)), Held("thread-2", "m9", "dana"), Matched("thread-2", "acc-2"),
            new ThreadAccountUnmatched("thread-2", "acc-2", At), Matched("thread-2", "acc-1"));
        await fixture.AppendAsync(tenant, "appt-1", Meeting("appt-1", When.At(Sent), When.At(Sent.AddHours(1))), Holds("appt-1", "dana"), MeetingMatched("appt-1", "acc-1"),
            new AppointmentRescheduled("appt-1", When.At(Sent.AddDays(2)), When.At(Sent.AddDays(2).AddHours(1)), false, At), new AppointmentCancelled("appt-1", At));
        await fixture.AppendAsync(tenant, "appt-2", Meeting("appt-2", When.On(new DateOnly(2026, 3, 7)), When.On(new DateOnly(2026, 3, 8)), "Fair", allDay: true),
            Holds("appt-2", "dana"), MeetingMatched("appt-2", "acc-2"));
        await fixture.AppendAsync(other, "thread-1", Message("thread-1", "x1", Sent), Held("thread-1", "x1", "dana"), Matched("thread-1", "acc-1"));

        // Marked private, erased and recorded again, erased for good.
        await fixture.AppendAsync(tenant, "thread-2", new ThreadMarkedPrivate("thread-2", "dana", true, At), new ThreadMarkedPrivate("thread-2", "eli", true, At));
        await fixture.AppendAsync(tenant, "thread-3", Message("thread-3", "m5", Sent, "Gone"), Held("thread-3", "m5", "dana"), Matched("thread-3", "acc-1"),
            new ThreadErased("thread-3", "system:privacy", "internal", false, At), Message("thread-3", "m6", Sent.AddHours(1), "Back"), Held("thread-3", "m6", "dana"),
            Matched("thread-3", "acc-1"));
        await fixture.AppendAsync(tenant, "appt-3", Meeting("appt-3", When.At(Sent), When.At(Sent.AddHours(1))), Holds("appt-3", "dana"), MeetingMatched("appt-3", "acc-1"),
            new AppointmentMarkedPrivate("appt-3", "dana", true, At), new AppointmentErased("appt-3", "admin", "legal", true, At));
        await fixture.SetTenantVisibilityAsync(tenant, "subject");

        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));
        var kim = fixture.ClientFor(Tokens.User(tenant, "kim"));
        var before = await AnswersAsync(dana, Calls);
        var othersBefore = await AnswersAsync(kim, OthersCalls);
        Assert.All(before, b => Assert.Contains("\"", b));
        Assert.Contains("Private email", othersBefore[0]);
        Assert.DoesNotContain("appt-3", othersBefore[0]);

        // Lose the projected documents, so a rebuild that did nothing could not pass (the stamps too:
        // kept answers are valid only while the stamps version the entries, as in a rebuild's teardown).
        var store = fixture.App.Services.GetRequiredService<IDocumentStore>();
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(CalendarStamp));
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(CalendarEntry));
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(EmailThreadView));
        Assert.DoesNotContain("thread-1", await (await dana.GetAsync(Calls[0])).Content.ReadAsStringAsync());

        var daemon = fixture.App.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RebuildProjectionAsync(CalendarProjectionNames.Calendar, TimeSpan.FromMinutes(2), CancellationToken.None);
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var after = await AnswersAsync(dana, Calls);
        for (var i = 0; i < Calls.Length; i++)
        {
            Assert.True(before[i] == after[i], $"{Calls[i]}\nbefore: {before[i]}\nafter:  {after[i]}");
        }

        var othersAfter = await AnswersAsync(kim, OthersCalls);
        for (var i = 0; i < OthersCalls.Length; i++)
        {
            Assert.True(othersBefore[i] == othersAfter[i], $"{OthersCalls[i]}\nbefore: {othersBefore[i]}\nafter:  {othersAfter[i]}");
        }

        // The other tenant's thread of the same key was rebuilt in its own tenant.
        var otherDana = fixture.ClientFor(Tokens.User(other, "dana"));
        Assert.Equal(["x1"], (await otherDana.GetJsonAsync("/api/emails/thread-1")).GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("messageId").GetString()));
    }

    private static async Task<string[]> AnswersAsync(HttpClient client, string[] calls)
    {
        var answers = new string[calls.Length];
        for (var i = 0; i < calls.Length; i++)
        {
            using var response = await client.GetAsync(calls[i]);
            Assert.True(response.IsSuccessStatusCode, $"{calls[i]}: {(int)response.StatusCode}");
            answers[i] = await response.Content.ReadAsStringAsync();
        }

        return answers;
    }
}
