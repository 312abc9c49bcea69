using NavusoftSync.Synchronization.Push.Idle;

namespace NavusoftSync.Synchronization.IntegrationTests.Imap;

/// <summary>The reconnect waits of an IDLE connection: doubling, bounded, jittered within the upper half.</summary>
public sealed class IdleBackoffTests
{
    [Theory]
    [InlineData(1, 0.0, 500)]
    [InlineData(1, 1.0, 1000)]
    [InlineData(2, 0.0, 1000)]
    [InlineData(4, 0.0, 4000)]
    [InlineData(9, 1.0, 256_000)]
    [InlineData(10, 0.0, 150_000)]
    [InlineData(10, 1.0, 300_000)]
    [InlineData(1_000, 1.0, 300_000)]
    [InlineData(int.MaxValue, 0.5, 225_000)]
    [InlineData(0, 0.0, 500)]
    [InlineData(3, 7.0, 4000)]
    public void Waits_double_up_to_five_minutes_with_half_of_each_random(int failures, double random, double expectedMilliseconds) =>
        Assert.Equal(expectedMilliseconds, IdleBackoff.Delay(failures, random).TotalMilliseconds, precision: 0);
}
