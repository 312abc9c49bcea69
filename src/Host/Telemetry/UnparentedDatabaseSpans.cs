using System.Diagnostics;
using OpenTelemetry;

namespace NavusoftSync.Host.Telemetry;

/// <summary>
/// Drops a database span that has no parent: the async daemon's polling, Quartz's and the lag sampler's statements run all
/// day outside any request or run, and exporting each as a trace of its own would bury the runs' traces. A statement under
/// a request or a <c>sync.run</c> span is kept. Runs before the exporter's processor, which exports recorded spans only.
/// </summary>
internal sealed class UnparentedDatabaseSpans : BaseProcessor<Activity>
{
    public const string NpgsqlSource = "Npgsql";

    public override void OnStart(Activity data)
    {
        if (data.Source.Name == NpgsqlSource && data.ParentSpanId == default)
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            data.IsAllDataRequested = false;
        }
    }
}
