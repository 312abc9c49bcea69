using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NavusoftSync.Synchronization.Telemetry;

/// <summary>
/// The Synchronization module's traces and metrics, under one name the host exports (OpenTelemetry: Prometheus scrape
/// or OTLP). Instruments are created once per process; recording into one nobody listens to costs next to nothing.
/// Tags are low-cardinality (provider, trigger, outcome, status class): a link id goes on spans and logs, not on metric
/// series, so 100,000 links do not make 100,000 series.
/// </summary>
internal static class SyncTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> and <see cref="Meter"/> name.</summary>
    public const string Name = "NavusoftSync.Synchronization";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Sync runs ended, tagged <c>provider</c>, <c>trigger</c>, <c>outcome</c> (completed, failed, timed_out).</summary>
    public static readonly Counter<long> Runs = Meter.CreateCounter<long>("navusoftsync.sync.runs", "{run}", "Sync runs ended");

    /// <summary>Run wall time in seconds, tagged like <see cref="Runs"/>.</summary>
    public static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>("navusoftsync.sync.run.duration", "s", "Sync run wall time");

    /// <summary>Items read from the provider, tagged <c>provider</c>, <c>source</c> (mail, calendar).</summary>
    public static readonly Counter<long> ItemsScanned = Meter.CreateCounter<long>("navusoftsync.sync.items.scanned", "{item}", "Provider items read");

    /// <summary>Items newly recorded on calendars, tagged like <see cref="ItemsScanned"/>.</summary>
    public static readonly Counter<long> ItemsRecorded = Meter.CreateCounter<long>("navusoftsync.sync.items.recorded", "{item}", "Items newly recorded");

    /// <summary>
    /// HTTP exchanges with a provider (every try, retries included), tagged <c>provider</c>, <c>status</c> (the code, or
    /// <c>error</c> for a network failure) and <c>throttled</c> (true for 429 and Google's 403 rate-limit reasons).
    /// </summary>
    public static readonly Counter<long> ProviderRequests = Meter.CreateCounter<long>("navusoftsync.provider.requests", "{request}", "Provider HTTP exchanges");

    /// <summary>Quota units spent against a provider's per-mailbox limit, tagged <c>provider</c>.</summary>
    public static readonly Counter<long> QuotaSpent = Meter.CreateCounter<long>("navusoftsync.provider.quota.spent", "{unit}", "Provider quota units spent");

    /// <summary>Seconds a request waited for its mailbox's quota budget, tagged <c>provider</c>.</summary>
    public static readonly Histogram<double> QuotaWait = Meter.CreateHistogram<double>("navusoftsync.provider.quota.wait", "s", "Wait for quota budget");

    /// <summary>Provider change notifications received, tagged <c>provider</c> and <c>outcome</c> (accepted, rejected, ignored).</summary>
    public static readonly Counter<long> PushNotifications = Meter.CreateCounter<long>("navusoftsync.push.notifications", "{notification}", "Push notifications received");
}
