using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Imap.CalDav;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Tests.Providers.Imap.CalDav;

/// <summary>Event resources as the CalDAV reader maps them: provider ids, original starts, recurrence, zones, people, limits.</summary>
public sealed class CalDavEventsTests
{
    private const string Href = "/alice/work/meeting.ics";
    private static readonly CalendarWindow Window = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static PageBuilder<CalendarItem> Read(string ics, CalendarWindow? window = null)
    {
        var page = new PageBuilder<CalendarItem>();
        CalDavEvents.AddTo(page, Href, ics, window ?? Window);
        return page;
    }

    [Fact]
    public void A_single_event_is_one_item_with_an_empty_occurrence_and_a_series_release_keeping_it()
    {
        var page = Read(Ics.Calendar(Ics.Event("single-1", "DTSTART:20261203T140000Z", "DTEND:20261203T150000Z", "Freight review",
            "LOCATION:Dock 4", "DESCRIPTION:Bring the\\nmanifests", "X-ALT-DESC;FMTTYPE=text/html:<b>secret html</b>",
            "ORGANIZER;CN=Alice Admin:mailto:alice@mail.test",
            "ATTENDEE;CN=Bob;PARTSTAT=ACCEPTED:mailto:bob@haulers.example",
            "ATTENDEE;PARTSTAT=DECLINED:mailto:carol@haulers.example",
            "ATTENDEE;PARTSTAT=TENTATIVE:MAILTO:dave@haulers.example",
            "ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:erin@haulers.example",
            "ATTENDEE:urn:uuid:no-address")));

        var item = Assert.Single(page.Items);
        Assert.Equal(Href + "#", item.ProviderId);
        Assert.Equal("single-1", item.ICalUid);
        Assert.Null(item.SeriesId);
        Assert.Null(item.OriginalStart);
        Assert.Equal(When.At(new DateTimeOffset(2026, 12, 3, 14, 0, 0, TimeSpan.Zero)), item.Start);
        Assert.Equal(When.At(new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero)), item.End);
        Assert.Equal(("Freight review", "Dock 4", "Bring the\nmanifests"), (item.Title, item.Location, item.Description));
        Assert.Equal(new Participant("Alice Admin", "alice@mail.test"), item.Organizer);
        Assert.Equal(
            ["bob@haulers.example:accepted", "carol@haulers.example:declined", "dave@haulers.example:tentative", "erin@haulers.example:none"],
            item.Attendees.Select(a => $"{a.Address}:{a.Response}"));
        Assert.False(item.IsCancelled);
        var release = Assert.Single(page.Removed);
        Assert.Equal(Href, release.ProviderId);
        Assert.Equal([Href + "#"], release.SeriesKeep!);
    }

    [Fact]
    public void A_weekly_series_leaves_out_its_exdate_moves_its_override_and_cancels_the_cancelled_one()
    {
        var page = Read(Ics.Calendar(
            Ics.Event("weekly-1", "DTSTART:20261102T090000Z", "DTEND:20261102T093000Z", "Standup", "RRULE:FREQ=WEEKLY;COUNT=6", "EXDATE:20261109T090000Z"),
            Ics.Event("weekly-1", "DTSTART:20261117T130000Z", "DTEND:20261117T133000Z", "Standup (moved)", "RECURRENCE-ID:20261116T090000Z"),
            Ics.Event("weekly-1", "DTSTART:20261123T090000Z", "DTEND:20261123T093000Z", "Standup", "RECURRENCE-ID:20261123T090000Z", "STATUS:CANCELLED")));

        Assert.Empty(page.Malformed);
        var byId = page.Items.ToDictionary(i => i.ProviderId);
        Assert.Equal(
            [Href + "#20261102T090000Z", Href + "#20261116T090000Z", Href + "#20261123T090000Z", Href + "#20261130T090000Z", Href + "#20261207T090000Z"],
            byId.Keys.Order(StringComparer.Ordinal));
        var moved = byId[Href + "#20261116T090000Z"];
        Assert.Equal(("Standup (moved)", When.At(new DateTimeOffset(2026, 11, 17, 13, 0, 0, TimeSpan.Zero))), (moved.Title, moved.Start));
        Assert.Equal(When.At(new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero)), moved.OriginalStart);
        Assert.True(byId[Href + "#20261123T090000Z"].IsCancelled);
        Assert.All(page.Items, i => Assert.Equal((Href, "weekly-1"), (i.SeriesId, i.ICalUid)));
        Assert.All(byId.Where(p => p.Key != Href + "#20261123T090000Z"), p => Assert.False(p.Value.IsCancelled));
        var first = byId[Href + "#20261102T090000Z"];
        Assert.Equal(first.Start, first.OriginalStart);
        Assert.Equal(byId.Keys.ToHashSet(), Assert.Single(page.Removed).SeriesKeep!);
    }

    [Fact]
    public void An_all_day_series_has_dates_and_date_occurrence_ids()
    {
        var page = Read(Ics.Calendar(Ics.Event("allday-1", "DTSTART;VALUE=DATE:20261224", "DTEND;VALUE=DATE:20261225", "Office closed", "RRULE:FREQ=DAILY;COUNT=3")));

        Assert.Equal([Href + "#20261224", Href + "#20261225", Href + "#20261226"], page.Items.Select(i => i.ProviderId));
        var first = page.Items[0];
        Assert.True(first.IsAllDay);
        Assert.Equal((When.On(new DateOnly(2026, 12, 24)), When.On(new DateOnly(2026, 12, 25))), (first.Start, first.End));
        Assert.Equal(When.On(new DateOnly(2026, 12, 24)), first.OriginalStart);
    }

    [Fact]
    public void A_series_in_a_zone_keeps_its_wall_clock_time_across_the_dst_change()
    {
        var window = new CalendarWindow(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero));
        var page = Read(Ics.Calendar(Ics.BerlinZone, Ics.Event("dst-1", "DTSTART;TZID=Europe/Berlin:20261020T100000", "DTEND;TZID=Europe/Berlin:20261020T110000", "Weekly", "RRULE:FREQ=WEEKLY;COUNT=3")), window);

        Assert.Equal(
            [new DateTimeOffset(2026, 10, 20, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 27, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero)],
            page.Items.Select(i => i.Start.Instant!.Value.ToUniversalTime()));
        Assert.Equal(Href + "#20261027T090000Z", page.Items[1].ProviderId);
    }

    [Fact]
    public void A_windows_zone_id_is_read_like_its_iana_zone()
    {
        var page = Read(Ics.Calendar(Ics.Event("win-1", "DTSTART;TZID=W. Europe Standard Time:20261203T100000", "DTEND;TZID=W. Europe Standard Time:20261203T110000")));

        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero), Assert.Single(page.Items).Start.Instant);
    }

    [Fact]
    public void A_custom_zone_is_read_by_its_definition()
    {
        var custom = Ics.BerlinZone.Replace("TZID:Europe/Berlin", "TZID:Customized Time Zone", StringComparison.Ordinal);
        var window = new CalendarWindow(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var page = Read(Ics.Calendar(custom, Ics.Event("custom-1", "DTSTART;TZID=Customized Time Zone:20260701T100000", "DTEND;TZID=Customized Time Zone:20260701T110000", "Monthly", "RRULE:FREQ=MONTHLY;COUNT=6")), window);

        Assert.Empty(page.Malformed);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero), page.Items[0].Start.Instant!.Value.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), page.Items[^1].Start.Instant!.Value.ToUniversalTime());
    }

    [Fact]
    public void A_zone_nothing_knows_makes_only_its_resource_malformed()
    {
        var page = Read(Ics.Calendar(Ics.Event("nozone-1", "DTSTART;TZID=Nowhere Special:20261203T100000", "DTEND;TZID=Nowhere Special:20261203T110000")));

        Assert.Equal(Href, Assert.Single(page.Malformed).ProviderId);
    }

    [Fact]
    public void A_cancelled_event_is_a_cancelled_item()
    {
        var page = Read(Ics.Calendar(Ics.Event("cancel-1", "DTSTART:20261203T140000Z", "DTEND:20261203T150000Z", "Called off", "STATUS:CANCELLED")));

        Assert.True(Assert.Single(page.Items).IsCancelled);
    }

    [Fact]
    public void Occurrences_outside_the_window_are_not_items_and_are_released()
    {
        var page = Read(Ics.Calendar(Ics.Event("old-1", "DTSTART:20250103T140000Z", "DTEND:20250103T150000Z")));

        Assert.Empty(page.Items);
        Assert.Empty(Assert.Single(page.Removed).SeriesKeep!);
    }

    [Fact]
    public void An_unbounded_series_is_expanded_only_within_the_window()
    {
        var page = Read(Ics.Calendar(Ics.Event("daily-1", "DTSTART:20200101T080000Z", "DTEND:20200101T081500Z", "Daily", "RRULE:FREQ=DAILY")));

        Assert.Equal(61, page.Items.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero), page.Items[0].Start.Instant);
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { "secondly", Ics.Calendar(Ics.Event("h-1", "DTSTART:20261101T000000Z", "DTEND:20261101T000001Z", "x", "RRULE:FREQ=SECONDLY")) },
        { "secondly since long ago with a count", Ics.Calendar(Ics.Event("h-2", "DTSTART:19000101T000000Z", "DTEND:19000101T000001Z", "x", "RRULE:FREQ=SECONDLY;COUNT=100000000")) },
        { "too many in the window", Ics.Calendar(Ics.Event("h-3", "DTSTART:20261101T000000Z", "DTEND:20261101T000100Z", "x", "RRULE:FREQ=MINUTELY;INTERVAL=30")) },
        { "expanding", Ics.Calendar(Ics.Event("h-4", "DTSTART:20261101T000000Z", "DTEND:20261101T000100Z", "x", "RRULE:FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY=1,2,3,4,5,6,7,8,9,10;BYHOUR=1,2,3,4,5,6,7,8,9,10,11,12;BYMINUTE=1,2,3,4,5,6,7,8,9,10")) },
        { "nested", Ics.Calendar(string.Concat(Enumerable.Repeat("BEGIN:X-A\n", 50)) + string.Concat(Enumerable.Repeat("END:X-A\n", 50))) },
        { "huge", Ics.Calendar(Ics.Event("h-6", "DTSTART:20261203T140000Z", "DTEND:20261203T150000Z", "x", "DESCRIPTION:" + new string('a', 1_100_000))) },
        { "not icalendar", "this is not a calendar" },
        { "no uid", Ics.Calendar("BEGIN:VEVENT\nDTSTART:20261203T140000Z\nEND:VEVENT") },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_hostile_or_broken_resource_is_malformed_with_its_href_quickly(string kind, string ics)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();

        var page = Read(ics);

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), kind);
        Assert.Equal(Href, Assert.Single(page.Malformed).ProviderId);
        Assert.Empty(page.Items);
        Assert.Empty(page.Removed);
    }
}
