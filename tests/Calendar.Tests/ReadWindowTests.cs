using NavusoftSync.Calendar.Placement;
using NavusoftSync.Calendar.Projections;
using NavusoftSync.Calendar.Viewing;

namespace NavusoftSync.Calendar.Tests;

/// <summary>The start_key range of a read covers exactly what the range answers, in any zone.</summary>
public sealed class ReadWindowTests
{
    private static CalendarEntry Timed(DateTimeOffset at) => new("x", "user:u", "email", "t", "T", at, null, null, null, [], null);

    private static CalendarEntry AllDay(DateOnly day) => new("x", "user:u", "appointment", "a", "A", null, day.DayNumber, null, null, [], "Scheduled");

    [Fact]
    public void Keys_are_floored_unix_seconds_of_the_instant_or_of_the_date_at_utc_midnight()
    {
        Assert.Equal(0, CalendarEntry.InstantKey(DateTimeOffset.UnixEpoch));
        Assert.Equal(1, CalendarEntry.InstantKey(DateTimeOffset.UnixEpoch.AddTicks(10_000_001)));
        Assert.Equal(-1, CalendarEntry.InstantKey(DateTimeOffset.UnixEpoch.AddTicks(-1)));
        Assert.Equal(1_772_323_200, AllDay(new DateOnly(2026, 3, 1)).StartKey);
        Assert.Equal(1_772_323_200 + 3_600, Timed(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.FromHours(1))).StartKey);
    }

    [Theory]
    [InlineData("Pacific/Kiritimati")] // UTC+14: the zone's days start 14 hours before UTC's
    [InlineData("Pacific/Pago_Pago")] // UTC-11
    [InlineData("Australia/Sydney")]
    [InlineData("America/Chicago")]
    [InlineData("UTC")]
    public void Every_entry_the_range_answers_lies_in_its_key_range_and_the_filter_is_exact(string zoneId)
    {
        var zone = TimeZones.Find(zoneId)!;
        var (from, to) = (new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
        var window = EntryWindow.For(from, to, zone);
        var start = TimeZones.StartOf(from, zone);
        var end = TimeZones.StartOf(to.AddDays(1), zone);

        foreach (var entry in new[] { Timed(start), Timed(end.AddTicks(-1)), AllDay(from), AllDay(to) })
        {
            Assert.True(window.Contains(entry));
            Assert.InRange(entry.StartKey, window.FirstKey, window.EndKey - 1);
        }

        foreach (var entry in new[] { Timed(start.AddTicks(-1)), Timed(end), AllDay(from.AddDays(-1)), AllDay(to.AddDays(1)) })
        {
            Assert.False(window.Contains(entry));
        }

        // Beyond the UTC and the zone's windows together, nothing is read.
        Assert.Equal(Math.Min(CalendarEntry.InstantKey(start), AllDay(from).StartKey), window.FirstKey);
        Assert.Equal(Math.Max(CalendarEntry.InstantKey(end) + 1, AllDay(to.AddDays(1)).StartKey), window.EndKey);
    }
}
