using NavusoftSync.BuildingBlocks.Time;
using NavusoftSync.Calendar.Placement;

namespace NavusoftSync.Calendar.Tests;

public sealed class TimeZonesTests
{
    private static TimeZoneInfo Zone(string id) => TimeZoneLookup.Find(id) ?? throw new InvalidOperationException(id);

    [Theory]
    [InlineData("America/Chicago", "2026-03-08", "2026-03-08T06:00:00+00:00")] // CST midnight; the day is 23 hours
    [InlineData("America/Chicago", "2026-03-09", "2026-03-09T05:00:00+00:00")] // CDT
    [InlineData("Europe/London", "2026-03-29", "2026-03-29T00:00:00+00:00")]
    [InlineData("Europe/London", "2026-03-30", "2026-03-29T23:00:00+00:00")]
    [InlineData("Australia/Sydney", "2026-04-05", "2026-04-04T13:00:00+00:00")] // AEDT; the day is 25 hours
    [InlineData("Australia/Sydney", "2026-04-06", "2026-04-05T14:00:00+00:00")] // AEST
    [InlineData("America/Santiago", "2026-09-06", "2026-09-06T04:00:00+00:00")] // clocks jump 00:00 → 01:00: the day starts at 01:00 local
    [InlineData("America/Sao_Paulo", "2018-11-04", "2018-11-04T03:00:00+00:00")] // clocks jumped 00:00 → 01:00
    [InlineData("America/Havana", "2026-11-01", "2026-11-01T04:00:00+00:00")] // 01:00 CDT → 00:00 CST: midnight occurs twice, the day starts at the first
    [InlineData("UTC", "2026-11-20", "2026-11-20T00:00:00+00:00")]
    public void A_day_starts_at_its_first_valid_local_instant(string zone, string date, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TimeZones.StartOf(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Zone(zone)));
}
