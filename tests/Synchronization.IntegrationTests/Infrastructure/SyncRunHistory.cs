using System.Text.Json;

namespace NavusoftSync.Synchronization.IntegrationTests.Infrastructure;

/// <summary>One run as its link's sync stream tells it: started, and ended (completed or failed) unless it never did.</summary>
internal sealed record SyncRunRecord(string LinkId, string RunId, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Outcome, string? Reason);

/// <summary>
/// Reads the runs of each link from its <c>sync:{linkId}</c> stream and finds what must never happen: a run
/// starting before the previous run of the same link ended (overlap), or an end without its start.
/// </summary>
internal static class SyncRunHistory
{
    private const string Started = "synchronization.sync_run_started";
    private const string Completed = "synchronization.sync_run_completed";
    private const string Failed = "synchronization.sync_run_failed";

    /// <summary>
    /// Runs per link id, in stream order. A run that never ended is an overlap when the link's next run started,
    /// unless the host logged that run's job throwing (<paramref name="jobsThrown"/>: how many times per link):
    /// then it died, and it is kept with no outcome.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<SyncRunRecord>> RunsOf(
        IEnumerable<StoredEvent> events, ICollection<string> violations, IReadOnlyDictionary<string, int>? jobsThrown = null)
    {
        var runs = new Dictionary<string, IReadOnlyList<SyncRunRecord>>(StringComparer.Ordinal);
        foreach (var stream in events.Where(e => e.IsSyncRun).GroupBy(e => e.StreamId, StringComparer.Ordinal))
        {
            var linkId = stream.Key["sync:".Length..];
            var list = new List<SyncRunRecord>();
            var died = jobsThrown?.GetValueOrDefault(linkId) ?? 0;
            SyncRunRecord? open = null;
            foreach (var e in stream.OrderBy(e => e.Version))
            {
                var json = e.Json;
                var runId = json.GetProperty("runId").GetString()!;
                switch (e.Type)
                {
                    case Started:
                        if (open is not null && died-- <= 0)
                        {
                            violations.Add($"link {linkId}: run {runId} started (v{e.Version}) while run {open.RunId} (started {open.StartedAt:HH:mm:ss.fff}) had not ended");
                        }

                        if (open is not null)
                        {
                            list.Add(open);
                        }

                        open = new SyncRunRecord(linkId, runId, json.GetProperty("startedAt").GetDateTimeOffset(), null, null, null);
                        break;
                    case Completed or Failed:
                        if (open?.RunId != runId)
                        {
                            violations.Add($"link {linkId}: run {runId} ended (v{e.Version}) but the open run is {open?.RunId ?? "none"}");
                        }

                        var ended = json.GetProperty(e.Type == Completed ? "finishedAt" : "failedAt").GetDateTimeOffset();
                        var reason = e.Type == Failed ? json.GetProperty("reason").GetString() : null;
                        list.Add(new SyncRunRecord(linkId, runId, json.GetProperty("startedAt").GetDateTimeOffset(), ended, e.Type == Completed ? "completed" : "failed", reason));
                        open = null;
                        break;
                }
            }

            if (open is not null)
            {
                list.Add(open); // still running when read (or killed)
            }

            var timed = list.Where(r => r.EndedAt is not null).OrderBy(r => r.StartedAt).ToList();
            for (var i = 1; i < timed.Count; i++)
            {
                if (timed[i].StartedAt < timed[i - 1].EndedAt)
                {
                    violations.Add($"link {linkId}: run {timed[i].RunId} [{timed[i].StartedAt:HH:mm:ss.fff}–{timed[i].EndedAt:HH:mm:ss.fff}] overlaps run {timed[i - 1].RunId} [{timed[i - 1].StartedAt:HH:mm:ss.fff}–{timed[i - 1].EndedAt:HH:mm:ss.fff}]");
                }
            }

            runs[linkId] = list;
        }

        return runs;
    }

    /// <summary>The links whose sync job the host logged throwing (Quartz's "Job … threw an unhandled Exception"), with the exception.</summary>
    public static IEnumerable<(string LinkId, string Exception)> JobsThrownLogged(IEnumerable<string> output)
    {
        foreach (var entry in JsonLines(output, "Quartz.Core.JobRunShell"))
        {
            if (entry.GetProperty("LogLevel").GetString() == "Error"
                && entry.GetProperty("Message").GetString() is { } message && message.Contains("threw an unhandled Exception", StringComparison.Ordinal)
                && message.IndexOf('|', StringComparison.Ordinal) is var bar and > 0)
            {
                var linkId = message[(bar + 1)..].Split(' ')[0];
                var exception = entry.TryGetProperty("Exception", out var e) ? e.GetString()!.Split('\n')[0] : string.Empty;
                yield return (linkId, exception);
            }
        }
    }

    /// <summary>The links' ids as the host logged a finished run ("Link {LinkId} synced…") in its JSON console lines.</summary>
    public static IEnumerable<string> CompletedRunsLogged(IEnumerable<string> output)
    {
        foreach (var entry in JsonLines(output, "NavusoftSync.Synchronization.Runs.SyncRun"))
        {
            if (entry.TryGetProperty("State", out var state)
                && state.TryGetProperty("{OriginalFormat}", out var format) && format.GetString()!.Contains(" synced: ", StringComparison.Ordinal)
                && state.TryGetProperty("LinkId", out var linkId))
            {
                yield return linkId.GetString()!;
            }
        }
    }

    private static IEnumerable<JsonElement> JsonLines(IEnumerable<string> output, string category)
    {
        foreach (var line in output)
        {
            if (!line.StartsWith('{') || !line.Contains(category, StringComparison.Ordinal))
            {
                continue;
            }

            JsonElement entry;
            try
            {
                entry = JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException)
            {
                continue;
            }

            if (entry.TryGetProperty("Category", out var c) && c.GetString()!.Contains(category, StringComparison.Ordinal))
            {
                yield return entry;
            }
        }
    }
}
