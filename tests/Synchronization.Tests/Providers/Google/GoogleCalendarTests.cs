using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Tests.Providers.Infrastructure;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Tests.Providers.Google;

/// <summary>The Google reader's calendar rounds against the sandbox's Calendar v3 events.list with sync tokens.</summary>
public sealed class GoogleCalendarTests : ReaderTest
{
    private const string Carl = "carl.rivera@gmail.example";
    private static readonly ScenarioAttendee Dana = new() { Address = "dana@northwind.example", Name = "Dana", Response = AttendeeResponse.TentativelyAccepted };

    [Fact]
    public async Task A_first_round_expands_a_series_and_reads_all_day_events_as_dates_then_a_later_round_sees_moves_and_cancellations()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Carl, Provider = SandboxProvider.Google, TimeZone = "Europe/Berlin" }, Ct);
        var weekly = await Sandbox.Control.AddEventAsync(Carl, new ScenarioEvent
        {
            Subject = "Weekly review",
            Start = Today.AddDays(1).AddHours(8),
            End = Today.AddDays(1).AddHours(9),
            Attendees = [Dana],
            Recurrence = new ScenarioRecurrence { Frequency = RecurrenceFrequency.Weekly, Count = 3 },
        }, Ct);
        var offsite = await Sandbox.Control.AddEventAsync(Carl, new ScenarioEvent { Subject = "Offsite", Start = Today.AddDays(2), End = Today.AddDays(3), IsAllDay = true }, Ct);
        var call = await Sandbox.Control.AddEventAsync(Carl, new ScenarioEvent
        {
            Subject = "Renewal call", Location = "Meet", Body = "Agenda: renewal", Start = Today.AddDays(3).AddHours(13), End = Today.AddDays(3).AddHours(14), Attendees = [Dana],
        }, Ct);
        var pricing = await Sandbox.Control.AddEventAsync(Carl, new ScenarioEvent { Subject = "Pricing", Start = Today.AddDays(4).AddHours(10), End = Today.AddDays(4).AddHours(11), Attendees = [Dana] }, Ct);
        var (access, _) = await LinkAsync(Carl, "google");
        var reader = Reader("google");
        var window = new CalendarWindow(Today.AddDays(-14), Today.AddDays(180));

        var pages = await reader.ReadCalendarAsync(access, null, window, Ct).ReadAllAsync();

        var items = pages.Items();
        Assert.Equal(6, items.Count);
        var occurrences = items.Where(i => i.SeriesId == weekly.Id).OrderBy(i => i.Start.Instant).ToList();
        Assert.Equal(weekly.InstanceIds, occurrences.Select(o => o.ProviderId));
        Assert.All(occurrences, o => Assert.Equal(weekly.ICalUId, o.ICalUid));
        Assert.Equal([Today.AddDays(1).AddHours(8), Today.AddDays(8).AddHours(8), Today.AddDays(15).AddHours(8)], occurrences.Select(o => o.OriginalStart!.Instant!.Value));
        Assert.Equal(When.At(Today.AddDays(8).AddHours(9)), occurrences[1].End);
        var allDay = items.Single(i => i.ProviderId == offsite.Id);
        Assert.True(allDay.IsAllDay);
        Assert.Equal(When.On(DateOnly.FromDateTime(Today.AddDays(2).UtcDateTime)), allDay.Start);
        Assert.Equal(When.On(DateOnly.FromDateTime(Today.AddDays(3).UtcDateTime)), allDay.End);
        var single = items.Single(i => i.ProviderId == call.Id);
        Assert.Equal((call.ICalUId, "Renewal call", "Meet", "Agenda: renewal"), (single.ICalUid, single.Title, single.Location, single.Description));
        Assert.Equal(Carl, single.Organizer!.Address);
        Assert.Contains(new Attendee("Dana", "dana@northwind.example", "tentative"), single.Attendees);
        Assert.Null(single.SeriesId);
        var cursor = pages.FinalCursor();
        Assert.NotNull(cursor);
        var first = Uri.UnescapeDataString((await RequestsAsync(Carl, "/calendar/v3"))[0].Query);
        Assert.Contains("singleEvents=true&showDeleted=true&timeMin=2026-11-06T00:00:00Z&timeMax=2027-05-19T00:00:00Z", first, StringComparison.Ordinal);

        await Sandbox.Control.UpdateEventAsync(Carl, call.Id, new EventUpdate { Start = Today.AddDays(3).AddHours(15), End = Today.AddDays(3).AddHours(16) }, Ct);
        await Sandbox.Control.CancelEventAsync(Carl, pricing.Id, Ct);
        await Sandbox.Control.CancelEventAsync(Carl, weekly.InstanceIds[1], Ct);
        var changes = await reader.ReadCalendarAsync(access, cursor, window, Ct).ReadAllAsync();

        var moved = changes.Items().Single(i => i.ProviderId == call.Id);
        Assert.Equal((When.At(Today.AddDays(3).AddHours(15)), When.At(Today.AddDays(3).AddHours(16))), (moved.Start, moved.End));
        var cancelled = changes.Items().Single(i => i.ProviderId == pricing.Id);
        Assert.True(cancelled.IsCancelled);
        Assert.Equal("Pricing", cancelled.Title);
        Assert.Equal([weekly.InstanceIds[1]], changes.RemovedIds());
        Assert.DoesNotContain(changes.Items(), i => i.ProviderId == offsite.Id);
        Assert.NotNull(changes.FinalCursor());
        var incremental = Uri.UnescapeDataString((await RequestsAsync(Carl, "/calendar/v3"))[^1].Query);
        Assert.Contains("syncToken=" + cursor, incremental, StringComparison.Ordinal);
        Assert.DoesNotContain("timeMin", incremental, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_sync_token_is_a_CursorExpiredException()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Carl, Provider = SandboxProvider.Google }, Ct);
        await Sandbox.Control.AddEventAsync(Carl, new ScenarioEvent { Subject = "Call", Start = Today.AddHours(13), End = Today.AddHours(14) }, Ct);
        var (access, _) = await LinkAsync(Carl, "google");
        var reader = Reader("google");
        var window = new CalendarWindow(Today.AddDays(-14), Today.AddDays(180));
        var cursor = (await reader.ReadCalendarAsync(access, null, window, Ct).ReadAllAsync()).FinalCursor();
        await Sandbox.Control.ExpireCursorsAsync(Carl, "/calendar/v3", Ct);

        await Assert.ThrowsAsync<CursorExpiredException>(() => reader.ReadCalendarAsync(access, cursor, window, Ct).ReadAllAsync());
    }
}
