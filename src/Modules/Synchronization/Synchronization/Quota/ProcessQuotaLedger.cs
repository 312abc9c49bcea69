namespace NavusoftSync.Synchronization.Quota;

/// <summary>
/// The buckets in this process, on its own clock: for a process with no shared database (the provider readers on their own,
/// as their tests and tools run them). A host with the module's database uses <see cref="PostgresQuotaLedger"/>.
/// </summary>
internal sealed class ProcessQuotaLedger(TimeProvider clock) : IQuotaLedger
{
    private readonly Dictionary<QuotaKey, QuotaBucket> _buckets = [];

    public Task<QuotaGrant> GrantAsync(QuotaKey key, int need, int want, QuotaRate rate, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        lock (_buckets)
        {
            var bucket = _buckets.TryGetValue(key, out var held) ? held : QuotaBucket.Full(rate, now);
            var (next, grant) = bucket.Grant(need, want, rate, now);
            _buckets[key] = next;
            return Task.FromResult(grant);
        }
    }

    public Task PauseAsync(QuotaKey key, TimeSpan pause, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        lock (_buckets)
        {
            var bucket = _buckets.TryGetValue(key, out var held) ? held : new QuotaBucket(0, now, DateTimeOffset.MinValue);
            _buckets[key] = bucket.Pause(now + pause, now);
        }

        return Task.CompletedTask;
    }
}
