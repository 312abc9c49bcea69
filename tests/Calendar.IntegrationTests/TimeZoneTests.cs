using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Testing;
using static NavusoftSync.Calendar.IntegrationTests.CalendarWorld;

namespace NavusoftSync.Calendar.IntegrationTests;

/// <summary>Date placement in the requested zone around midnight and DST changes (2026 transitions).</summary>
public sealed class TimeZoneTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<(string Tenant, HttpClient Client)> SeedAsync(string? tokenZone, params (string Id, DateTimeOffset Sent)[] threads)
    {
        var tenant = Unique("t");
        foreach (var (id, sent) in threads)
        {
            await fixture.AppendAsync(tenant, id, Message(id, "m-" + id, sent), Held(id, "m-" + id, "dana"), Matched(id, "acc-1"));
        }

        return (tenant, fixture.ClientFor(Tokens.User(tenant, "dana", tokenZone)));
    }

    private static DateTimeOffset Utc(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task Chicago_around_midnight_and_the_spring_forward()
    {
        // CST is UTC-6 until 2026-03-08 02:00 local, then CDT UTC-5.
        var (_, dana) = await SeedAsync(null,
            ("before-midnight", Utc(3, 8, 5, 59)), ("at-midnight", Utc(3, 8, 6, 0)),
            ("after-jump", Utc(3, 8, 8, 0)), ("cdt-late", Utc(3, 9, 4, 59)), ("cdt-midnight", Utc(3, 9, 5, 0)));

        Assert.Equal(
            [
                "2026-03-07: before-midnight@2026-03-07T23:59:00-06:00",
                "2026-03-08: at-midnight@2026-03-08T00:00:00-06:00",
                "2026-03-08: after-jump@2026-03-08T03:00:00-05:00",
                "2026-03-08: cdt-late@2026-03-08T23:59:00-05:00",
                "2026-03-09: cdt-midnight@2026-03-09T00:00:00-05:00",
            ],
            Placements(await dana.GetJsonAsync("/api/me/calendar?from=2026-03-01&to=2026-03-31&tz=America/Chicago")));

        // The 23-hour day holds exactly what falls in it; the range edges follow local midnights.
        Assert.Equal(["at-midnight", "after-jump", "cdt-late"], Ids(await dana.GetJsonAsync("/api/me/calendar/days/2026-03-08?tz=America/Chicago")));
        Assert.Equal(["at-midnight", "after-jump", "cdt-late"], Ids(await dana.GetJsonAsync("/api/accounts/acc-1/calendar?from=2026-03-08&to=2026-03-08&tz=America/Chicago")));

        // The same items in UTC fall on other dates.
        Assert.Equal(["2026-03-08", "2026-03-09"],
            (await dana.GetJsonAsync("/api/me/calendar?from=2026-03-01&to=2026-03-31")).GetProperty("days").EnumerateArray().Select(d => d.GetProperty("date").GetString()));
    }

    [Fact]
    public async Task London_around_midnight_when_summer_time_starts()
    {
        // GMT (UTC+0) until 2026-03-29 01:00 UTC, then BST (UTC+1).
        var (_, dana) = await SeedAsync(null,
            ("gmt-late", Utc(3, 28, 23, 30)), ("bst-after-midnight", Utc(3, 29, 23, 30)), ("bst-before-midnight", Utc(3, 29, 22, 59)));

        var london = await dana.GetJsonAsync("/api/me/calendar?from=2026-03-28&to=2026-03-30&tz=Europe/London");
        Assert.Equal("Europe/London", london.GetProperty("timeZone").GetString());
        Assert.Equal(
            [
                "2026-03-28: gmt-late@2026-03-28T23:30:00+00:00",
                "2026-03-29: bst-before-midnight@2026-03-29T23:59:00+01:00",
                "2026-03-30: bst-after-midnight@2026-03-30T00:30:00+01:00",
            ],
            Placements(london));
        Assert.Equal(["bst-before-midnight", "bst-after-midnight"], Ids(await dana.GetJsonAsync("/api/me/calendar/days/2026-03-29")));
    }

    [Fact]
    public async Task Sydney_on_the_25_hour_day_when_daylight_time_ends()
    {
        // AEDT (UTC+11) until 2026-04-05 03:00 local, then AEST (UTC+10): 2026-04-05 runs from 04-04T13:00Z to 04-05T14:00Z.
        var (_, dana) = await SeedAsync("Australia/Sydney",
            ("just-before", Utc(4, 4, 12, 59)), ("first-minute", Utc(4, 4, 13, 0)), ("repeated-hour", Utc(4, 4, 16, 30)),
            ("last-minute", Utc(4, 5, 13, 59)), ("next-day", Utc(4, 5, 14, 0)));

        // No tz parameter: the token's tz claim applies.
        var day = await dana.GetJsonAsync("/api/me/calendar/days/2026-04-05");
        Assert.Equal("Australia/Sydney", day.GetProperty("timeZone").GetString());
        Assert.Equal(["first-minute", "repeated-hour", "last-minute"], Ids(day));
        Assert.Equal("2026-04-05T00:00:00+11:00", day.GetProperty("items")[0].GetProperty("start").GetString());
        Assert.Equal("2026-04-05T23:59:00+10:00", day.GetProperty("items")[2].GetProperty("start").GetString());

        Assert.Equal(
            [
                "2026-04-04: just-before@2026-04-04T23:59:00+11:00",
                "2026-04-05: first-minute@2026-04-05T00:00:00+11:00",
                "2026-04-05: repeated-hour@2026-04-05T02:30:00+10:00",
                "2026-04-05: last-minute@2026-04-05T23:59:00+10:00",
                "2026-04-06: next-day@2026-04-06T00:00:00+10:00",
            ],
            Placements(await dana.GetJsonAsync("/api/accounts/acc-1/calendar?from=2026-04-01&to=2026-04-30")));

        // An explicit tz wins over the token's.
        Assert.Equal("UTC", (await dana.GetJsonAsync("/api/me/calendar/days/2026-04-05?tz=UTC")).GetProperty("timeZone").GetString());
        Assert.Equal(["last-minute", "next-day"], Ids(await dana.GetJsonAsync("/api/me/calendar/days/2026-04-05?tz=UTC")));
    }

    [Fact]
    public async Task An_all_day_appointment_stays_on_its_own_date_in_every_zone_and_timed_ones_move()
    {
        var tenant = Unique("t");
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));
        await fixture.AppendAsync(tenant, "appt-allday", Meeting("appt-allday", When.On(new DateOnly(2026, 3, 8)), When.On(new DateOnly(2026, 3, 9)), allDay: true), Holds("appt-allday", "dana"));
        await fixture.AppendAsync(tenant, "appt-timed", Meeting("appt-timed", When.At(Utc(3, 8, 3, 0)), When.At(Utc(3, 8, 4, 0))), Holds("appt-timed", "dana"));

        foreach (var zone in new[] { "America/Chicago", "Europe/London", "Australia/Sydney", "UTC" })
        {
            var day = await dana.GetJsonAsync($"/api/me/calendar/days/2026-03-08?tz={zone}");
            Assert.Contains("appt-allday", Ids(day));
            Assert.Equal("2026-03-08", day.GetProperty("items")[0].GetProperty("start").GetString());
        }

        // 03:00Z on 8 March is 7 March, 21:00 in Chicago.
        Assert.Equal(["2026-03-07: appt-timed@2026-03-07T21:00:00-06:00", "2026-03-08: appt-allday@2026-03-08"],
            Placements(await dana.GetJsonAsync("/api/me/calendar?from=2026-03-01&to=2026-03-31&tz=America/Chicago")));
        Assert.Equal(["2026-03-08: appt-allday@2026-03-08", "2026-03-08: appt-timed@2026-03-08T14:00:00+11:00"],
            Placements(await dana.GetJsonAsync("/api/me/calendar?from=2026-03-01&to=2026-03-31&tz=Australia/Sydney")));
    }
}
