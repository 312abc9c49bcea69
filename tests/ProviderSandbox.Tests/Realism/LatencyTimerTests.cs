using System.Collections.Concurrent;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Realism;

/// <summary>
/// A request counts as waiting out its latency only once its timer is on the clock: a test that sees it waiting and
/// moves the clock must move that timer too, or the request would wait a whole latency more.
/// </summary>
public sealed class LatencyTimerTests : RealismTest
{
    private readonly ConcurrentQueue<int> _waitingWhenTimerMade = new();
    private volatile bool _started;

    [Fact]
    public async Task A_request_counts_as_waiting_only_after_its_timer_is_made()
    {
        await SetAsync(new RealismUpdate { Profile = RealismProfile.Realistic, LatencyMs = 150, JitterMs = 0 });
        _started = true;

        var request = GmailAsync(Gmail, "profile");
        await WaitUntilAsync(() => Gate.InLatency == 1);
        Clock.Advance(TimeSpan.FromMilliseconds(150));
        using var response = await request;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal([0], _waitingWhenTimerMade);
    }

    protected override void Configure(SandboxOptions options) =>
        options.TimeProvider = new TimerWatch(Clock, due =>
        {
            if (_started && due == TimeSpan.FromMilliseconds(150))
            {
                _waitingWhenTimerMade.Enqueue(Gate.InLatency);
            }
        });

    /// <summary>The test's clock, telling each timer's due time as it is made.</summary>
    private sealed class TimerWatch(TimeProvider inner, Action<TimeSpan> made) : TimeProvider
    {
        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp() => inner.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            made(dueTime);
            return inner.CreateTimer(callback, state, dueTime, period);
        }
    }
}
