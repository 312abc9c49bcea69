using NavusoftSync.BuildingBlocks.Time;
using NavusoftSync.Calendar.Placement;
using NavusoftSync.Calendar.Projections;
using NavusoftSync.Calendar.Viewing;

namespace NavusoftSync.Calendar.Tests;

/// <summary>The start_key range of a read covers exactly what the range answers, in any zone.</summary>
public sealed class ReadWindowTests
{
    private static CalendarEntry Timed(DateTimeOffset at) => new("x", "user:u", "email", "t", "T", at, null, null, null, [], null, [], false);

    private static CalendarEntry AllDay(DateOnly day) => new("x", "user:u", "appointment", "a", "A", null, day.DayNumber, null, null, [], "Scheduled", [], false);

    [Fact]
    public void Keys_are_floored_unix_seconds_of_the_instant_or_of_the_date_at_utc_midnight()
    {
        Assert.Equal(0, CalendarEntry.InstantKey(DateTimeOffset.UnixEpoch));
        Assert.Equal(1, CalendarEntry.InstantKey(DateTimeOffset.UnixEpoch.AddTicks(10_000_001)));
        Assert.Equal(-1, CalendarEntry.InstantKey(DateTimeOffset.UnixEpoch.AddTicks(-1)));
        Assert.Equal(1_772_323_200, AllDay(new DateOnly(2026, 3, 1)).StartKey);
        Assert.Equal(1_772_323_200 + 3_600, Timed(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.FromHours(1))).StartKey);
    }

    // The window of March 2026 reads from the earlier of the zone's and UTC's March 1 midnight to
    // past the later of the zone's and UTC's April 1 midnight, in unix seconds. UTC's midnights are
    // 1_772_323_200 (March 1) and 1_772_323_200 + 31 × 86_400 = 1_775_001_600 (April 1). A zone at
    // UTC+h starts its day h hours earlier (minus h × 3_600); the end key is one past the zone's
    // midnight (its last instant's floored second), unless UTC's April 1 midnight is later.
    [Theory]
    // UTC+14 both days: first 1_772_323_200 - 50_400; end UTC's 1_775_001_600 (the zone's 1_774_951_201 is earlier).
    [InlineData("Pacific/Kiritimati", 1_772_272_800, 1_775_001_600)]
    // UTC-11 both days: first UTC's; end 1_775_001_600 + 39_600 + 1.
    [InlineData("Pacific/Pago_Pago", 1_772_323_200, 1_775_041_201)]
    // AEDT (UTC+11) until April 5, 2026: first 1_772_323_200 - 39_600; end UTC's.
    [InlineData("Australia/Sydney", 1_772_283_600, 1_775_001_600)]
    // CST (UTC-6) on March 1, CDT (UTC-5) from March 8: first UTC's; end 1_775_001_600 + 18_000 + 1.
    [InlineData("America/Chicago", 1_772_323_200, 1_775_019_601)]
    // UTC: first its midnight; end one past April 1 midnight.
    [InlineData("UTC", 1_772_323_200, 1_775_001_601)]
    public void Every_entry_the_range_answers_lies_in_its_key_range_and_the_filter_is_exact(string zoneId, long firstKey, long endKey)
    {
        var zone = TimeZoneLookup.Find(zoneId)!;
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
        Assert.Equal(firstKey, window.FirstKey);
        Assert.Equal(endKey, window.EndKey);
    }
}
