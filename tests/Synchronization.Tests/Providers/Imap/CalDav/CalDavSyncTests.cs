using System.Text.Json.Nodes;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Imap.CalDav;
using NavusoftSync.Synchronization.Tests.Providers.Infrastructure;

namespace NavusoftSync.Synchronization.Tests.Providers.Imap.CalDav;

/// <summary>Calendar rounds against the real Radicale: first round, incremental changes, an expired token, a calendar removed.</summary>
public sealed class CalDavSyncTests : CalDavReaderTest
{
    private const string Weekly = """
        BEGIN:VEVENT
        UID:weekly-1
        DTSTAMP:20261101T000000Z
        DTSTART;TZID=Europe/Berlin:20261020T100000
        DTEND;TZID=Europe/Berlin:20261020T103000
        SUMMARY:Dispatch standup
        RRULE:FREQ=WEEKLY;UNTIL=20261130T235959Z
        EXDATE;TZID=Europe/Berlin:20261103T100000
        ORGANIZER;CN=Alice:mailto:alice@mail.test
        ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@haulers.example
        ATTENDEE;PARTSTAT=DECLINED:mailto:carol@haulers.example
        END:VEVENT
        BEGIN:VEVENT
        UID:weekly-1
        DTSTAMP:20261101T000000Z
        RECURRENCE-ID;TZID=Europe/Berlin:20261110T100000
        DTSTART;TZID=Europe/Berlin:20261111T150000
        DTEND;TZID=Europe/Berlin:20261111T153000
        SUMMARY:Dispatch standup (moved)
        END:VEVENT
        BEGIN:VEVENT
        UID:weekly-1
        DTSTAMP:20261101T000000Z
        RECURRENCE-ID;TZID=Europe/Berlin:20261117T100000
        DTSTART;TZID=Europe/Berlin:20261117T100000
        DTEND;TZID=Europe/Berlin:20261117T103000
        SUMMARY:Dispatch standup
        STATUS:CANCELLED
        END:VEVENT
        """;

    [Fact]
    public async Task A_first_round_reads_every_calendar_and_expands_series_within_the_window()
    {
        var home = await Mailbox.CreateCalendarAsync("home", Ct);
        await PutAsync("single.ics", OneEvent("single-1", "20261203T140000Z", "Freight review"));
        await PutAsync("weekly.ics", Ics.Calendar(Ics.BerlinZone, Weekly));
        await PutAsync("allday.ics", Ics.Calendar(Ics.Event("allday-1", "DTSTART;VALUE=DATE:20261224", "DTEND;VALUE=DATE:20261225", "Office closed")), home);
        await PutAsync("cancelled.ics", OneEvent("cancelled-1", "20261205T140000Z", "Called off", "STATUS:CANCELLED"), home);

        var pages = await ReadAsync(Link(), null);

        var items = pages.Items().ToDictionary(i => i.ProviderId);
        var weekly = Href(Work, "weekly.ics");
        Assert.Equal(
            [Href(home, "allday.ics") + "#", Href(home, "cancelled.ics") + "#", Href(Work, "single.ics") + "#", weekly + "#20261110T090000Z", weekly + "#20261117T090000Z", weekly + "#20261124T090000Z"],
            items.Keys.Order(StringComparer.Ordinal));
        var moved = items[weekly + "#20261110T090000Z"];
        Assert.Equal(("Dispatch standup (moved)", new DateTimeOffset(2026, 11, 11, 14, 0, 0, TimeSpan.Zero)), (moved.Title, moved.Start.Instant!.Value.ToUniversalTime()));
        Assert.True(items[weekly + "#20261117T090000Z"].IsCancelled);
        Assert.True(items[Href(home, "cancelled.ics") + "#"].IsCancelled);
        Assert.Equal(When.On(new DateOnly(2026, 12, 24)), items[Href(home, "allday.ics") + "#"].Start);
        Assert.Equal(["bob@haulers.example:accepted", "carol@haulers.example:declined"], items[weekly + "#20261124T090000Z"].Attendees.Select(a => $"{a.Address}:{a.Response}"));
        Assert.Equal(("weekly-1", weekly), (moved.ICalUid, moved.SeriesId));
        Assert.NotNull(pages.FinalCursor());
    }

    [Fact]
    public async Task A_later_round_reads_only_what_was_added_changed_or_deleted()
    {
        await PutAsync("a.ics", OneEvent("a-1", "20261203T140000Z"));
        await PutAsync("b.ics", OneEvent("b-1", "20261204T140000Z"));
        await PutAsync("c.ics", OneEvent("c-1", "20261205T140000Z"));
        var link = Link();
        var first = (await ReadAsync(link, null)).FinalCursor();

        var quiet = await ReadAsync(link, first);
        Assert.Empty(quiet.Items());
        Assert.Empty(quiet.SelectMany(p => p.Removed));

        await PutAsync("a.ics", OneEvent("a-1", "20261203T160000Z", "Planning (later)"));
        await PutAsync("d.ics", OneEvent("d-1", "20261206T140000Z"));
        await Mailbox.DeleteEventAsync(Work, "c.ics", Ct);
        var pages = await ReadAsync(link, quiet.FinalCursor());

        Assert.Equal([Href(Work, "a.ics") + "#", Href(Work, "d.ics") + "#"], pages.Items().Select(i => i.ProviderId).Order(StringComparer.Ordinal));
        Assert.Equal("Planning (later)", pages.Items().Single(i => i.ICalUid == "a-1").Title);
        var removed = pages.SelectMany(p => p.Removed).ToDictionary(r => r.ProviderId, r => r.SeriesKeep!);
        Assert.Equal(new[] { Href(Work, "a.ics"), Href(Work, "c.ics"), Href(Work, "d.ics") }, removed.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(removed[Href(Work, "c.ics")]);
        Assert.Equal([Href(Work, "a.ics") + "#"], removed[Href(Work, "a.ics")]);
    }

    [Fact]
    public async Task A_token_the_server_no_longer_knows_resyncs_the_calendar_and_releases_what_went_meanwhile()
    {
        await PutAsync("a.ics", OneEvent("a-1", "20261203T140000Z"));
        await PutAsync("b.ics", OneEvent("b-1", "20261204T140000Z"));
        var link = Link();
        var cursor = JsonNode.Parse((await ReadAsync(link, null)).FinalCursor()!)!;
        cursor["calendars"]![Work.AbsolutePath]!["syncToken"] = "http://radicale.org/ns/sync/0000000000000000000000000000000000000000000000000000000000000000";
        await Mailbox.DeleteEventAsync(Work, "b.ics", Ct);

        var pages = await ReadAsync(link, cursor.ToJsonString());

        Assert.Equal([Href(Work, "a.ics") + "#"], pages.Items().Select(i => i.ProviderId));
        Assert.Empty(pages.SelectMany(p => p.Removed).Single(r => r.ProviderId == Href(Work, "b.ics")).SeriesKeep!);
        Assert.NotEqual(cursor["calendars"]![Work.AbsolutePath]!["syncToken"]!.GetValue<string>(), CalDavCursor.Parse(pages.FinalCursor()).Calendars[Work.AbsolutePath].SyncToken);
    }

    [Fact]
    public async Task A_calendar_that_disappears_releases_every_resource_it_held()
    {
        var home = await Mailbox.CreateCalendarAsync("home", Ct);
        await PutAsync("a.ics", OneEvent("a-1", "20261203T140000Z"), home);
        await PutAsync("old.ics", OneEvent("old-1", "20250103T140000Z"), home);
        var link = Link();
        var cursor = (await ReadAsync(link, null)).FinalCursor();
        using (var http = Mailbox.CalDavHttp())
        {
            (await http.DeleteAsync(home, Ct)).EnsureSuccessStatusCode();
        }

        var pages = await ReadAsync(link, cursor);

        var removed = Assert.Single(pages.SelectMany(p => p.Removed));
        Assert.Equal(Href(home, "a.ics"), removed.ProviderId);
        Assert.Empty(removed.SeriesKeep!);
        Assert.DoesNotContain(home.AbsolutePath, CalDavCursor.Parse(pages.FinalCursor()).Calendars.Keys);
    }

    [Fact]
    public async Task A_link_without_a_caldav_account_reads_one_empty_page()
    {
        var pages = await ReadAsync(Link(withCalDav: false), null);

        var page = Assert.Single(pages);
        Assert.Equal((0, "none"), (page.Items.Count, page.CursorAfter));
    }
}
