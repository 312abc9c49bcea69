namespace NavusoftSync.Tools.ProviderSandbox.Realism;

/// <summary>
/// Amounts spent over the last <c>seconds</c> whole seconds of the clock, counted in one bucket per second: an amount
/// spent during second s counts until second s + seconds begins. Thread-safe.
/// </summary>
internal sealed class RollingWindow(int seconds)
{
    private readonly long[] _second = new long[seconds];
    private readonly long[] _amount = new long[seconds];
    private readonly Lock _gate = new();

    /// <summary>
    /// Spends <paramref name="amount"/> when the window then holds at most <paramref name="limit"/>; otherwise spends
    /// nothing and answers how long until enough of the window has left it (at least one second).
    /// </summary>
    public (bool Taken, TimeSpan RetryAfter) TryTake(DateTimeOffset now, long amount, long limit)
    {
        var current = now.ToUnixTimeMilliseconds() / 1000;
        lock (_gate)
        {
            var held = Held(current);
            if (held + amount <= limit)
            {
                var slot = (int)(current % seconds);
                _amount[slot] = _second[slot] == current ? _amount[slot] + amount : amount;
                _second[slot] = current;
                return (true, TimeSpan.Zero);
            }

            return (false, RetryAfter(now, current, held + amount - limit));
        }
    }

    private long Held(long current)
    {
        var held = 0L;
        for (var i = 0; i < seconds; i++)
        {
            held += _second[i] > current - seconds ? _amount[i] : 0;
        }

        return held;
    }

    /// <summary>When the oldest buckets that together free <paramref name="excess"/> have left the window.</summary>
    private TimeSpan RetryAfter(DateTimeOffset now, long current, long excess)
    {
        var freedAt = current + seconds;
        var freed = 0L;
        foreach (var second in Enumerable.Range(0, seconds).Where(i => _second[i] > current - seconds).Select(i => _second[i]).Order())
        {
            freed += _amount[(int)(second % seconds)];
            if (freed >= excess)
            {
                freedAt = second + seconds;
                break;
            }
        }

        var wait = DateTimeOffset.FromUnixTimeSeconds(freedAt) - now;
        return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds)));
    }

    public void Clear()
    {
        lock (_gate)
        {
            Array.Clear(_second);
            Array.Clear(_amount);
        }
    }
}
