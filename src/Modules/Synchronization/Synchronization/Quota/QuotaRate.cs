namespace NavusoftSync.Synchronization.Quota;

/// <summary>
/// A token bucket's refill rate and capacity, from a published limit of L units per rolling window W: rate = 0.9·L/W, burst =
/// 0.1·L − rate·hold. Units granted in any interval of length W+hold are at most burst + rate·(W+hold) = L, and a unit granted
/// is spent within the hold or lapses, so the units spent in any window of length W are at most L: a rolling-window limiter
/// never answers 429.
/// </summary>
internal sealed record QuotaRate(double UnitsPerSecond, double Burst)
{
    public static QuotaRate Of(QuotaLimit limit, TimeSpan hold)
    {
        var rate = 0.9 * limit.Limit / limit.WindowSeconds;
        return new QuotaRate(rate, (0.1 * limit.Limit) - (rate * hold.TotalSeconds));
    }

    /// <summary>The units one grant asks for: the request's own, or half of what refills in a hold when that is more, never past the burst.</summary>
    public int Chunk(int need, TimeSpan hold) => (int)Math.Min(Math.Floor(Burst), Math.Max(need, Math.Floor(UnitsPerSecond * hold.TotalSeconds / 2)));

    /// <summary>A request's units as the bucket can ever grant them: one costing more than the whole burst is charged the burst.</summary>
    public int Need(int units) => (int)Math.Clamp(units, 1, Math.Floor(Burst));

    /// <summary>How long until <paramref name="need"/> units are in a bucket holding <paramref name="available"/>, after a pause of <paramref name="paused"/>.</summary>
    public TimeSpan WaitFor(int need, double available, TimeSpan paused)
    {
        var deficit = Math.Max(0, need - Math.Max(0, available));
        return (paused > TimeSpan.Zero ? paused : TimeSpan.Zero) + TimeSpan.FromSeconds(deficit / UnitsPerSecond);
    }
}
