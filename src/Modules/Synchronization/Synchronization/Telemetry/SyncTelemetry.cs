using System.Diagnostics;
using System.Diagnostics.Metrics;
using NavusoftSync.Synchronization.Runs;

namespace NavusoftSync.Synchronization.Telemetry;

/// <summary>
/// The Synchronization module's traces and metrics, under one name the host exports (OpenTelemetry: Prometheus scrape
/// or OTLP, ADR 0026). Instruments are created once per process; recording into one nobody listens to costs next to nothing.
/// Tags are low-cardinality (provider, trigger, outcome, status class): a link id goes on spans and logs, not on metric
/// series, so 100,000 links do not make 100,000 series. Push notifications are counted by <c>Push/PushMetrics</c>
/// (meter <c>NavusoftSync.Push</c>, counter <c>navusoftsync.push.notifications</c>), one instrument of that name per host.
/// </summary>
internal static class SyncTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> and <see cref="Meter"/> name.</summary>
    public const string Name = "NavusoftSync.Synchronization";

    /// <summary>Span attribute names (OpenTelemetry style: namespaced, dotted).</summary>
    public const string LinkIdAttribute = "navusoftsync.link.id";
    public const string RunIdAttribute = "navusoftsync.run.id";
    public const string ProviderAttribute = "navusoftsync.provider";
    public const string TriggerAttribute = "navusoftsync.trigger";
    public const string OutcomeAttribute = "navusoftsync.outcome";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Sync runs ended, tagged <c>provider</c>, <c>trigger</c>, <c>outcome</c> (completed, failed, timed_out).</summary>
    public static readonly Counter<long> Runs = Meter.CreateCounter<long>("navusoftsync.sync.runs", "{run}", "Sync runs ended");

    /// <summary>Run wall time in seconds, tagged like <see cref="Runs"/>; buckets from a sub-second incremental run to a 30-minute first sync.</summary>
    public static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>(
        "navusoftsync.sync.run.duration", "s", "Sync run wall time", tags: null, Buckets(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800));

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

    /// <summary>Seconds a request waited for its mailbox's quota budget, tagged <c>provider</c>; buckets from no wait to a minute's refill.</summary>
    public static readonly Histogram<double> QuotaWait = Meter.CreateHistogram<double>(
        "navusoftsync.provider.quota.wait", "s", "Wait for quota budget", tags: null, Buckets(0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60));

    /// <summary>The <c>sync.run</c> span of one run (the root of its trace when the Quartz job starts it), or null when nobody listens.</summary>
    public static Activity? StartRun(string linkId, string provider, SyncTrigger trigger, string runId)
    {
        var activity = Source.StartActivity("sync.run");
        activity?.SetTag(LinkIdAttribute, linkId);
        activity?.SetTag(ProviderAttribute, provider);
        activity?.SetTag(TriggerAttribute, TriggerTag(trigger));
        activity?.SetTag(RunIdAttribute, runId);
        return activity;
    }

    /// <summary>A child span of the current run: a round (<c>sync.round</c>, tag the round's name) or a page commit (<c>sync.page</c>).</summary>
    public static Activity? StartStep(string name, string? round = null)
    {
        var activity = Source.StartActivity(name);
        if (round is not null)
        {
            activity?.SetTag("navusoftsync.round", round);
        }

        return activity;
    }

    /// <summary>One ended run: <see cref="Runs"/> and <see cref="RunDuration"/>, and the outcome on its span.</summary>
    public static void RecordRun(Activity? activity, string provider, SyncTrigger trigger, SyncRunResult result, TimeSpan elapsed)
    {
        var outcome = result.Ran ? "completed" : result.TimedOut ? "timed_out" : "failed";
        var tags = new TagList { { "provider", provider }, { "trigger", TriggerTag(trigger) }, { "outcome", outcome } };
        Runs.Add(1, tags);
        RunDuration.Record(elapsed.TotalSeconds, tags);
        activity?.SetTag(OutcomeAttribute, outcome);
        if (!result.Ran)
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
        }
    }

    /// <summary>A completed run's counts: <see cref="ItemsScanned"/> and <see cref="ItemsRecorded"/> by source.</summary>
    public static void RecordItems(string provider, SyncCounts mail, SyncCounts calendar)
    {
        Add(provider, "mail", mail);
        Add(provider, "calendar", calendar);
    }

    private static void Add(string provider, string source, SyncCounts counts)
    {
        var tags = new TagList { { "provider", provider }, { "source", source } };
        ItemsScanned.Add(counts.Scanned, tags);
        ItemsRecorded.Add(counts.New, tags);
    }

    private static InstrumentAdvice<double> Buckets(params double[] seconds) => new() { HistogramBucketBoundaries = seconds };

    private static string TriggerTag(SyncTrigger trigger) => trigger switch
    {
        SyncTrigger.Link => "link",
        SyncTrigger.Schedule => "schedule",
        SyncTrigger.Push => "push",
        SyncTrigger.Manual => "manual",
        SyncTrigger.Lookback => "lookback",
        SyncTrigger.Check => "check",
        _ => "other",
    };
}
