using NavusoftSync.Synchronization.Quota;
using NavusoftSync.Testing;

namespace NavusoftSync.Synchronization.Tests.Quota;

/// <summary>The token bucket's arithmetic (<see cref="QuotaBucket"/>, <see cref="QuotaRate"/>), the same the database row follows.</summary>
public sealed class QuotaBucketTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly QuotaRate TenPerSecond = new(10, 20);

    [Fact]
    public void The_published_limits_give_90_percent_of_the_rate_and_a_tenth_of_the_limit_as_burst_less_the_hold()
    {
        var gmail = QuotaRate.Of(new QuotaLimit { Limit = 15_000, WindowSeconds = 60 }, TimeSpan.FromSeconds(1));
        var graph = QuotaRate.Of(new QuotaLimit { Limit = 10_000, WindowSeconds = 600 }, TimeSpan.Zero);

        Assert.Equal(225, gmail.UnitsPerSecond, 6);
        Assert.Equal(1_275, gmail.Burst, 6);
        Assert.Equal(15, graph.UnitsPerSecond, 6);
        Assert.Equal(1_000, graph.Burst, 6);
    }

    [Fact]
    public void A_full_bucket_grants_the_chunk_and_keeps_the_rest()
    {
        var (bucket, grant) = QuotaBucket.Full(TenPerSecond, T0).Grant(need: 5, want: 8, TenPerSecond, T0);

        Assert.Equal(8, grant.Granted);
        Assert.Equal(12, bucket.Tokens, 6);
        Assert.Equal(TimeSpan.Zero, grant.Wait);
    }

    [Fact]
    public void A_need_above_what_is_left_gets_nothing_and_the_wait_until_the_deficit_refills()
    {
        var bucket = new QuotaBucket(2, T0, DateTimeOffset.MinValue);

        var (after, grant) = bucket.Grant(need: 5, want: 5, TenPerSecond, T0);

        Assert.Equal(0, grant.Granted);
        Assert.Equal(TimeSpan.FromMilliseconds(300), grant.Wait);
        Assert.Equal(5, after.Grant(5, 5, TenPerSecond, T0.AddMilliseconds(300)).Grant.Granted);
    }

    [Fact]
    public void The_refill_stops_at_the_burst()
    {
        var bucket = new QuotaBucket(0, T0, DateTimeOffset.MinValue);

        Assert.Equal(20, bucket.Available(TenPerSecond, T0.AddHours(1)), 6);
        Assert.Equal(20, bucket.Grant(need: 1, want: 1_000, TenPerSecond, T0.AddHours(1)).Grant.Granted);
    }

    [Fact]
    public void A_pause_grants_nothing_until_it_ends_and_the_refill_starts_from_its_end()
    {
        var paused = new QuotaBucket(20, T0, DateTimeOffset.MinValue).Pause(T0.AddSeconds(30), T0);

        var during = paused.Grant(need: 5, want: 5, TenPerSecond, T0.AddSeconds(10)).Grant;
        Assert.Equal(0, during.Granted);
        Assert.Equal(TimeSpan.FromSeconds(20.5), during.Wait);
        Assert.Equal(0, paused.Available(TenPerSecond, T0.AddSeconds(30)), 6);
        Assert.Equal(5, paused.Grant(5, 5, TenPerSecond, T0.AddSeconds(30.5)).Grant.Granted);
    }

    [Fact]
    public void A_shorter_pause_does_not_shorten_a_longer_one()
    {
        var paused = QuotaBucket.Full(TenPerSecond, T0).Pause(T0.AddSeconds(60), T0).Pause(T0.AddSeconds(5), T0.AddSeconds(1));

        Assert.Equal(T0.AddSeconds(60), paused.PausedUntil);
    }

    [Fact]
    public void A_grant_at_an_earlier_clock_reading_than_the_last_update_refills_nothing_and_keeps_the_time()
    {
        var bucket = new QuotaBucket(3, T0, DateTimeOffset.MinValue);

        var (after, grant) = bucket.Grant(need: 2, want: 2, TenPerSecond, T0.AddSeconds(-5));

        Assert.Equal(2, grant.Granted);
        Assert.Equal(T0, after.UpdatedAt);
        Assert.Equal(1, after.Tokens, 6);
    }

    [Theory]
    [InlineData(15_000, 60, 1_000, 5)]
    [InlineData(600, 60, 1_000, 1)]
    [InlineData(10_000, 600, 1_000, 1)]
    [InlineData(100, 5, 100, 5)]
    public void Greedy_spenders_never_put_more_than_the_limit_into_any_window_yet_get_most_of_it(int limit, int windowSeconds, int holdMs, int units)
    {
        var hold = TimeSpan.FromMilliseconds(holdMs);
        var rate = QuotaRate.Of(new QuotaLimit { Limit = limit, WindowSeconds = windowSeconds }, hold);
        var spent = GreedySpends(rate, units, hold, TimeSpan.FromSeconds(windowSeconds * 3));

        var worst = RollingWindows.Busiest(spent, TimeSpan.FromSeconds(windowSeconds));
        Assert.True(worst <= limit, $"a window saw {worst} units, over the limit of {limit}");
        Assert.True(worst >= limit * 0.8, $"the busiest window saw only {worst} units of {limit}");
    }

    /// <summary>A spender that asks every 10 ms and spends each grant at once, in whole requests, the rest lapsing after the hold.</summary>
    private static List<(TimeSpan At, int Units)> GreedySpends(QuotaRate rate, int units, TimeSpan hold, TimeSpan duration)
    {
        var (bucket, spends) = (QuotaBucket.Full(rate, T0), new List<(TimeSpan, int)>());
        for (var at = T0; at < T0 + duration; at = at.AddMilliseconds(10))
        {
            var (next, grant) = bucket.Grant(rate.Need(units), rate.Chunk(rate.Need(units), hold), rate, at);
            bucket = next;
            for (var left = grant.Granted; left >= units; left -= units)
            {
                spends.Add((at - T0, units));
            }
        }

        return spends;
    }
}
