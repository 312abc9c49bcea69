using NavusoftSync.Calendar.Placement;

namespace NavusoftSync.Calendar.Tests;

public sealed class TimeZonesTests
{
    private static TimeZoneInfo Zone(string id) => TimeZones.Find(id) ?? throw new InvalidOperationException(id);

    [Theory]
    [InlineData("America/Chicago", "2026-03-08", "2026-03-08T06:00:00+00:00")] // CST midnight; the day is 23 hours
    [InlineData("America/Chicago", "2026-03-09", "2026-03-09T05:00:00+00:00")] // CDT
    [InlineData("Europe/London", "2026-03-29", "2026-03-29T00:00:00+00:00")]
    [InlineData("Europe/London", "2026-03-30", "2026-03-29T23:00:00+00:00")]
    [InlineData("Australia/Sydney", "2026-04-05", "2026-04-04T13:00:00+00:00")] // AEDT; the day is 25 hours
    [InlineData("Australia/Sydney", "2026-04-06", "2026-04-05T14:00:00+00:00")] // AEST
    [InlineData("America/Santiago", "2026-09-06", "2026-09-06T04:00:00+00:00")] // clocks jump 00:00 → 01:00: the day starts at 01:00 local
    [InlineData("UTC", "2026-11-20", "2026-11-20T00:00:00+00:00")]
    public void A_day_starts_at_its_first_valid_local_instant(string zone, string date, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TimeZones.StartOf(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Zone(zone)));

    [Fact]
    public void An_instant_falls_on_its_local_date()
    {
        var chicago = Zone("America/Chicago");
        Assert.Equal(new DateOnly(2026, 3, 7), TimeZones.DateOf(new DateTimeOffset(2026, 3, 8, 5, 59, 0, TimeSpan.Zero), chicago));
        Assert.Equal(new DateOnly(2026, 3, 8), TimeZones.DateOf(new DateTimeOffset(2026, 3, 8, 6, 0, 0, TimeSpan.Zero), chicago));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_zones_are_not_found(string? id) => Assert.Null(TimeZones.Find(id));

    [Fact]
    public void Only_zones_that_exist_are_cached()
    {
        var invented = $"Nowhere/{Guid.NewGuid():N}"[..40];
        Assert.Null(TimeZones.Find(invented));
        Assert.Null(TimeZones.Find(invented));
        Assert.False(TimeZones.IsCached(invented));

        Assert.NotNull(TimeZones.Find("America/Chicago"));
        Assert.True(TimeZones.IsCached("America/Chicago"));
    }
}
