using NavusoftSync.Synchronization.Quota;

namespace NavusoftSync.Synchronization.Tests.Quota;

/// <summary>The <c>Sync:Quota</c> settings a host refuses to start with.</summary>
public sealed class QuotaOptionsTests
{
    [Fact]
    public void The_published_limits_are_valid() => Assert.True(new QuotaOptions().IsValid());

    [Theory]
    [InlineData(0, 60, 1_000)]
    [InlineData(600, 0, 1_000)]
    [InlineData(-5, 60, 1_000)]
    [InlineData(600, 60, -1)]
    [InlineData(600, 60, 60_000)]
    [InlineData(5, 1, 1_000)] // a burst of 0.5 less the hold's refill of 4.5: nothing could ever be granted
    public void A_limit_or_hold_that_could_never_grant_is_refused(int limit, int windowSeconds, int holdMs) =>
        Assert.False(new QuotaOptions { GrantHoldMilliseconds = holdMs, Calendar = new QuotaLimit { Limit = limit, WindowSeconds = windowSeconds } }.IsValid());
}
