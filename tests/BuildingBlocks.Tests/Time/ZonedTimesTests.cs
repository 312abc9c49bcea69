using System.Globalization;
using NavusoftSync.BuildingBlocks.Time;

namespace NavusoftSync.BuildingBlocks.Tests.Time;

/// <summary>Wall-clock times as instants across both DST transitions of America/Chicago and Europe/London, by IANA and Windows id.</summary>
public sealed class ZonedTimesTests
{
    [Theory]
    // America/Chicago 2026: clocks jump 02:00 CST → 03:00 CDT on 8 March, fall back 02:00 CDT → 01:00 CST on 1 November.
    [InlineData("America/Chicago", "2026-03-08T02:30:00", "2026-03-08T03:30:00-05:00")] // in the gap: an hour later, CDT
    [InlineData("America/Chicago", "2026-03-08T02:00:00", "2026-03-08T03:00:00-05:00")] // the gap's first minute: its end
    [InlineData("America/Chicago", "2026-03-08T01:59:00", "2026-03-08T01:59:00-06:00")] // just before the gap
    [InlineData("America/Chicago", "2026-03-08T03:00:00", "2026-03-08T03:00:00-05:00")] // the gap's end
    [InlineData("America/Chicago", "2026-11-01T01:30:00", "2026-11-01T01:30:00-05:00")] // twice: the first (CDT)
    [InlineData("America/Chicago", "2026-11-01T02:00:00", "2026-11-01T02:00:00-06:00")] // after the overlap
    [InlineData("America/Chicago", "2026-07-01T12:00:00", "2026-07-01T12:00:00-05:00")]
    [InlineData("America/Chicago", "2026-01-15T12:00:00", "2026-01-15T12:00:00-06:00")]
    [InlineData("Central Standard Time", "2026-03-08T02:30:00", "2026-03-08T03:30:00-05:00")]
    [InlineData("Central Standard Time", "2026-11-01T01:30:00", "2026-11-01T01:30:00-05:00")]
    [InlineData("Central Standard Time", "2026-01-15T12:00:00", "2026-01-15T12:00:00-06:00")]
    // Europe/London 2026: 01:00 GMT → 02:00 BST on 29 March, 02:00 BST → 01:00 GMT on 25 October.
    [InlineData("Europe/London", "2026-03-29T01:30:00", "2026-03-29T02:30:00+01:00")] // in the gap: an hour later, BST
    [InlineData("Europe/London", "2026-03-29T00:59:00", "2026-03-29T00:59:00+00:00")]
    [InlineData("Europe/London", "2026-10-25T01:30:00", "2026-10-25T01:30:00+01:00")] // twice: the first (BST)
    [InlineData("Europe/London", "2026-10-25T02:00:00", "2026-10-25T02:00:00+00:00")]
    [InlineData("Europe/London", "2026-07-01T12:00:00", "2026-07-01T12:00:00+01:00")]
    [InlineData("GMT Standard Time", "2026-03-29T01:30:00", "2026-03-29T02:30:00+01:00")]
    [InlineData("GMT Standard Time", "2026-10-25T01:30:00", "2026-10-25T01:30:00+01:00")]
    [InlineData("GMT Standard Time", "2026-01-15T12:00:00", "2026-01-15T12:00:00+00:00")]
    [InlineData("UTC", "2026-03-08T02:30:00", "2026-03-08T02:30:00+00:00")]
    [InlineData("UTC", "2026-10-25T01:30:00", "2026-10-25T01:30:00+00:00")]
    public void A_wall_clock_time_is_the_instant_the_calendars_give_it(string zoneId, string local, string expected)
    {
        var instant = ZonedTimes.ToInstant(DateTime.Parse(local, CultureInfo.InvariantCulture), Zone(zoneId));

        var want = DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture);
        Assert.Equal((want.UtcDateTime, want.Offset), (instant.UtcDateTime, instant.Offset));
    }

    [Fact]
    public void Every_time_of_a_gap_lands_after_it_in_order_and_no_two_collide()
    {
        var chicago = Zone("America/Chicago");
        var gapStart = new DateTime(2026, 3, 8, 2, 0, 0);

        var instants = Enumerable.Range(0, 60).Select(m => ZonedTimes.ToInstant(gapStart.AddMinutes(m), chicago)).ToList();

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 8, 0, 0, TimeSpan.Zero), instants[0]);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 8, 59, 0, TimeSpan.Zero), instants[^1]);
        Assert.Equal(60, instants.Distinct().Count());
        Assert.All(instants, i => Assert.Equal(TimeSpan.FromHours(-5), i.Offset));
    }

    [Fact]
    public void The_kind_of_the_local_time_is_ignored()
    {
        var london = Zone("Europe/London");
        var wall = new DateTime(2026, 7, 1, 12, 0, 0);

        Assert.Equal(
            new DateTimeOffset(2026, 7, 1, 11, 0, 0, TimeSpan.Zero),
            ZonedTimes.ToInstant(DateTime.SpecifyKind(wall, DateTimeKind.Utc), london));
    }

    [Fact]
    public void A_wall_clock_time_whose_instant_lies_outside_the_calendar_is_refused_not_wrapped()
    {
        // 0001-01-01 00:30 in Tokyo (UTC+9) is 15:30 UTC on the day before the first day there is; 9999-12-31 23:30 in
        // Chicago is after the last. A provider may send either: the readers treat the refusal as a malformed item.
        Assert.Throws<ArgumentOutOfRangeException>(() => ZonedTimes.ToInstant(DateTime.MinValue.AddMinutes(30), Zone("Asia/Tokyo")));
        Assert.Throws<ArgumentOutOfRangeException>(() => ZonedTimes.ToInstant(DateTime.MaxValue.AddMinutes(-30), Zone("America/Chicago")));
    }

    private static TimeZoneInfo Zone(string id) => TimeZoneLookup.Find(id) ?? throw new InvalidOperationException(id);
}
