using NavusoftSync.BuildingBlocks.Time;

namespace NavusoftSync.BuildingBlocks.Tests.Time;

public sealed class TimeZoneLookupTests
{
    [Theory]
    [InlineData("Central Standard Time", "America/Chicago")]
    [InlineData("GMT Standard Time", "Europe/London")]
    public void A_windows_id_is_the_same_zone_as_its_iana_id(string windowsId, string ianaId)
    {
        var windows = TimeZoneLookup.Find(windowsId)!;
        var iana = TimeZoneLookup.Find(ianaId)!;

        foreach (var day in Enumerable.Range(0, 365).Select(d => new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero).AddDays(d)))
        {
            Assert.Equal(iana.GetUtcOffset(day), windows.GetUtcOffset(day));
        }
    }

    [Fact]
    public void Utc_is_found() => Assert.Equal(TimeSpan.Zero, TimeZoneLookup.Find("UTC")!.GetUtcOffset(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Unknown_zones_are_not_found(string? id) => Assert.Null(TimeZoneLookup.Find(id));

    [Fact]
    public void An_id_longer_than_any_zone_is_not_looked_up() =>
        Assert.Null(TimeZoneLookup.Find("America/Chicago" + new string(' ', TimeZoneLookup.MaxIdLength)));

    [Fact]
    public void Only_zones_that_exist_are_cached()
    {
        var invented = $"Nowhere/{Guid.NewGuid():N}"[..40];
        Assert.Null(TimeZoneLookup.Find(invented));
        Assert.Null(TimeZoneLookup.Find(invented));
        Assert.False(TimeZoneLookup.IsCached(invented));

        Assert.NotNull(TimeZoneLookup.Find("Europe/London"));
        Assert.True(TimeZoneLookup.IsCached("Europe/London"));
    }
}
