using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using NavusoftSync.Linking.Contracts;
using NavusoftSync.Synchronization.Providers.Reading;
using NavusoftSync.Synchronization.Telemetry;

namespace NavusoftSync.Synchronization.Quota;

/// <summary>
/// This host's <see cref="MailboxQuota"/> per (API, normalized mailbox address), shared by every run and every link of the
/// mailbox on the host; the ledger shares the buckets between hosts. It reports, per API, the lowest remaining fraction among
/// the mailboxes used within the last minute as the gauge <c>navusoftsync.provider.quota.remaining</c>.
/// </summary>
internal sealed class MailboxQuotas : IDisposable
{
    private static readonly ConcurrentDictionary<MailboxQuotas, bool> Live = new();
    private static readonly TimeSpan ActiveFor = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<QuotaKey, MailboxQuota> _quotas = new();
    private readonly IQuotaLedger _ledger;
    private readonly QuotaOptions _options;
    private readonly TimeSpan _maxWait;
    private readonly TimeProvider _clock;

    static MailboxQuotas() =>
        SyncTelemetry.Meter.CreateObservableGauge(
            "navusoftsync.provider.quota.remaining", Observe, "1", "Lowest remaining fraction of an active mailbox's quota budget");

    public MailboxQuotas(IQuotaLedger ledger, IOptions<QuotaOptions> options, IOptions<ProviderReadingOptions> reading, TimeProvider clock)
    {
        (_ledger, _options, _maxWait, _clock) = (ledger, options.Value, reading.Value.RetryMaxDelay, clock);
        Live[this] = true;
    }

    /// <summary>The longest a provider's pause is kept (a <c>Retry-After</c> beyond it fails the run instead).</summary>
    public TimeSpan MaxPause => _maxWait;

    /// <summary>The mailbox's quota for <paramref name="api"/>; null when budgeting is off or the API has no per-mailbox limit.</summary>
    public MailboxQuota? For(string? api, string address)
    {
        if (!_options.Enabled || api is null || _options.LimitOf(api) is not { } limit)
        {
            return null;
        }

        return _quotas.GetOrAdd(QuotaKey.Of(api, address), key => new MailboxQuota(key, QuotaRate.Of(limit, _options.GrantHold), _ledger, _options, _maxWait, _clock));
    }

    public void Dispose()
    {
        Live.TryRemove(this, out _);
        foreach (var quota in _quotas.Values)
        {
            quota.Dispose();
        }

        _quotas.Clear();
    }

    /// <summary>The provider a quota API belongs to.</summary>
    public static string ProviderOf(string api) => api == ProviderQuotaCosts.Graph ? LinkProviders.Microsoft : LinkProviders.Google;

    private static IEnumerable<Measurement<double>> Observe() =>
        Live.Keys.SelectMany(registry => registry.Active())
            .GroupBy(q => q.Key.Api)
            .Select(g => new Measurement<double>(
                g.Min(q => q.RemainingFraction), new KeyValuePair<string, object?>("provider", ProviderOf(g.Key)), new("api", g.Key)));

    private IEnumerable<MailboxQuota> Active()
    {
        var since = _clock.GetUtcNow() - ActiveFor;
        return _quotas.Values.Where(q => q.LastUsed >= since);
    }
}
