using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Tests.Providers.Infrastructure;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Tests.Providers.Microsoft;

/// <summary>The Graph reader's calendar rounds against the sandbox's calendarView delta.</summary>
public sealed class GraphCalendarTests : ReaderTest
{
    private const string Anna = "anna.keller@contoso.com";
    private static readonly ScenarioAttendee Bob = new() { Address = "bob@fabrikam.example", Name = "Bob", Response = AttendeeResponse.Accepted };

    [Fact]
    public async Task A_first_round_expands_a_series_and_reads_all_day_events_as_dates_then_a_later_round_sees_moves_and_cancellations()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Anna, Provider = SandboxProvider.Microsoft }, Ct);
        var weekly = await Sandbox.Control.AddEventAsync(Anna, new ScenarioEvent
        {
            Subject = "Weekly review",
            Start = Today.AddDays(1).AddHours(8),
            End = Today.AddDays(1).AddHours(9),
            Attendees = [Bob],
            Recurrence = new ScenarioRecurrence { Frequency = RecurrenceFrequency.Weekly, Count = 3 },
        }, Ct);
        var offsite = await Sandbox.Control.AddEventAsync(Anna, new ScenarioEvent { Subject = "Offsite", Start = Today.AddDays(2), End = Today.AddDays(3), IsAllDay = true }, Ct);
        var call = await Sandbox.Control.AddEventAsync(Anna, new ScenarioEvent
        {
            Subject = "Renewal call", Location = "Teams", Body = "Agenda: renewal", Start = Today.AddDays(3).AddHours(13), End = Today.AddDays(3).AddHours(14), Attendees = [Bob],
        }, Ct);
        var pricing = await Sandbox.Control.AddEventAsync(Anna, new ScenarioEvent { Subject = "Pricing", Start = Today.AddDays(4).AddHours(10), End = Today.AddDays(4).AddHours(11), Attendees = [Bob] }, Ct);
        var (access, _) = await LinkAsync(Anna, "microsoft");
        var reader = Reader("microsoft");
        var window = new CalendarWindow(Today.AddDays(-14), Today.AddDays(180));

        var pages = await reader.ReadCalendarAsync(access, null, window, Ct).ReadAllAsync();

        var items = pages.Items();
        Assert.Equal(6, items.Count);
        var occurrences = items.Where(i => i.SeriesId == weekly.Id).OrderBy(i => i.Start.Instant).ToList();
        Assert.Equal(weekly.InstanceIds, occurrences.Select(o => o.ProviderId));
        Assert.All(occurrences, o => Assert.Equal(weekly.ICalUId, o.ICalUid));
        Assert.Equal([Today.AddDays(1).AddHours(8), Today.AddDays(8).AddHours(8), Today.AddDays(15).AddHours(8)], occurrences.Select(o => o.OriginalStart!.Instant!.Value));
        Assert.Equal(When.At(Today.AddDays(8).AddHours(9)), occurrences[1].End);
        Assert.Single(await RequestsAsync(Anna, "/v1.0/me/events/"));
        var allDay = items.Single(i => i.ProviderId == offsite.Id);
        Assert.True(allDay.IsAllDay);
        Assert.Equal(When.On(DateOnly.FromDateTime(Today.AddDays(2).UtcDateTime)), allDay.Start);
        Assert.Equal(When.On(DateOnly.FromDateTime(Today.AddDays(3).UtcDateTime)), allDay.End);
        var single = items.Single(i => i.ProviderId == call.Id);
        Assert.Equal((call.ICalUId, "Renewal call", "Teams", "Agenda: renewal"), (single.ICalUid, single.Title, single.Location, single.Description));
        Assert.Equal(Anna, single.Organizer!.Address);
        Assert.Equal(new Attendee("Bob", "bob@fabrikam.example", "accepted"), Assert.Single(single.Attendees));
        Assert.Null(single.SeriesId);
        Assert.Null(single.OriginalStart);
        var cursor = pages.FinalCursor();
        Assert.NotNull(cursor);

        await Sandbox.Control.UpdateEventAsync(Anna, call.Id, new EventUpdate { Start = Today.AddDays(3).AddHours(15), End = Today.AddDays(3).AddHours(16) }, Ct);
        await Sandbox.Control.CancelEventAsync(Anna, pricing.Id, Ct);
        await Sandbox.Control.CancelEventAsync(Anna, weekly.InstanceIds[1], Ct);
        var changes = await reader.ReadCalendarAsync(access, cursor, window, Ct).ReadAllAsync();

        var moved = changes.Items().Single(i => i.ProviderId == call.Id);
        Assert.Equal((When.At(Today.AddDays(3).AddHours(15)), When.At(Today.AddDays(3).AddHours(16))), (moved.Start, moved.End));
        Assert.True(changes.Items().Single(i => i.ProviderId == pricing.Id).IsCancelled);
        Assert.Equal([weekly.InstanceIds[1]], changes.RemovedIds());
        Assert.DoesNotContain(changes.Items(), i => i.ProviderId == offsite.Id);
        Assert.NotNull(changes.FinalCursor());
    }

    [Fact]
    public async Task An_expired_calendar_cursor_is_a_CursorExpiredException()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Anna, Provider = SandboxProvider.Microsoft }, Ct);
        await Sandbox.Control.AddEventAsync(Anna, new ScenarioEvent { Subject = "Call", Start = Today.AddHours(13), End = Today.AddHours(14) }, Ct);
        var (access, _) = await LinkAsync(Anna, "microsoft");
        var reader = Reader("microsoft");
        var window = new CalendarWindow(Today.AddDays(-14), Today.AddDays(180));
        var cursor = (await reader.ReadCalendarAsync(access, null, window, Ct).ReadAllAsync()).FinalCursor();
        await Sandbox.Control.ExpireCursorsAsync(Anna, "/v1.0/me/calendarView", Ct);

        await Assert.ThrowsAsync<CursorExpiredException>(() => reader.ReadCalendarAsync(access, cursor, window, Ct).ReadAllAsync());
        await Assert.ThrowsAsync<CursorExpiredException>(() => reader.ReadCalendarAsync(access, "https://elsewhere.example/v1.0/x", window, Ct).ReadAllAsync());
    }
}
