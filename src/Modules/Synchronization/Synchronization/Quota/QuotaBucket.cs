namespace NavusoftSync.Synchronization.Quota;

/// <summary>What a grant answered: the units granted (0 or at least the need), the units left in the bucket, and how long to wait before asking again when it granted none.</summary>
internal sealed record QuotaGrant(int Granted, double Remaining, TimeSpan Wait);

/// <summary>
/// One mailbox's shared token bucket, as <see cref="PostgresQuotaLedger"/> keeps it in a row: tokens as of
/// <see cref="UpdatedAt"/>, refilling at the rate from <see cref="PausedUntil"/> on when a provider asked for a pause. A grant
/// is all or nothing for the need (so a large request is not starved into fragments) and takes up to the wanted chunk.
/// </summary>
internal sealed record QuotaBucket(double Tokens, DateTimeOffset UpdatedAt, DateTimeOffset PausedUntil)
{
    public static QuotaBucket Full(QuotaRate rate, DateTimeOffset now) => new(rate.Burst, now, DateTimeOffset.MinValue);

    public double Available(QuotaRate rate, DateTimeOffset now)
    {
        if (PausedUntil > now)
        {
            return 0;
        }

        var from = UpdatedAt > PausedUntil ? UpdatedAt : PausedUntil;
        var elapsed = Math.Max(0, (now - from).TotalSeconds);
        return Math.Min(rate.Burst, Tokens + (elapsed * rate.UnitsPerSecond));
    }

    public (QuotaBucket Bucket, QuotaGrant Grant) Grant(int need, int want, QuotaRate rate, DateTimeOffset now)
    {
        var available = Available(rate, now);
        var granted = available >= need ? (int)Math.Min(want, Math.Floor(available)) : 0;
        var bucket = this with { Tokens = available - granted, UpdatedAt = UpdatedAt > now ? UpdatedAt : now };
        var wait = granted > 0 ? TimeSpan.Zero : rate.WaitFor(need, available, PausedUntil - now);
        return (bucket, new QuotaGrant(granted, bucket.Tokens, wait));
    }

    /// <summary>The provider asked for a pause: empty until <paramref name="until"/> (a later pause already set stays).</summary>
    public QuotaBucket Pause(DateTimeOffset until, DateTimeOffset now) =>
        new(0, UpdatedAt > now ? UpdatedAt : now, until > PausedUntil ? until : PausedUntil);
}
