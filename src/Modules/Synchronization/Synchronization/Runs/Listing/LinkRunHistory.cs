using System.Text.Json.Serialization;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace NavusoftSync.Synchronization.Runs.Listing;

/// <summary>How a run ended; <see cref="Running"/> until it does.</summary>
internal enum RunOutcome
{
    Running,
    Completed,
    Failed,
}

/// <summary>One run of a link as <c>GET /api/me/links/{linkId}/runs</c> shows it: counts, skipped items (ids and reasons), never content.</summary>
/// <param name="Matched">Items that matched an account after the privacy rules (<see cref="SyncCounts.Matched"/>; filtered items are not in it).</param>
/// <param name="New">Items new in the mailbox and calendar (<see cref="SyncCounts.New"/>); stored, and answered, as <c>recorded</c>.</param>
/// <param name="Filtered">
/// Items the privacy rules kept out, by rule, mail and calendar summed (<see cref="SyncCounts.Filtered"/>); null in
/// summaries stored before the rules existed (none filtered).
/// </param>
internal sealed record RunSummary(
    string RunId,
    SyncTrigger? Trigger,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    RunOutcome Outcome,
    int Scanned,
    int Matched,
    [property: JsonPropertyName("recorded")] int New,
    IReadOnlyList<SkippedItem> Skipped,
    int SkippedCount,
    string? Error,
    IReadOnlyDictionary<string, int>? Filtered = null);

/// <summary>A link's most recent runs, newest first, at most <see cref="Kept"/>; keyed by the link's sync stream (<c>sync:{linkId}</c>).</summary>
internal sealed record LinkRunHistory(string Id, IReadOnlyList<RunSummary> Runs)
{
    public const int Kept = 100;

    public LinkRunHistory Started(SyncRunStarted e) =>
        this with { Runs = [new RunSummary(e.RunId, e.Trigger, e.StartedAt, null, RunOutcome.Running, 0, 0, 0, [], 0, null), .. Runs.Take(Kept - 1)] };

    public LinkRunHistory Completed(SyncRunCompleted e) =>
        Ended(e.RunId, e.StartedAt, e.FinishedAt, RunOutcome.Completed, e.Mail, e.Calendar, run => run with { Skipped = e.Skipped ?? [], SkippedCount = e.SkippedCount });

    public LinkRunHistory Failed(SyncRunFailed e) =>
        Ended(e.RunId, e.StartedAt, e.FailedAt, RunOutcome.Failed, e.Mail, e.Calendar, run => run with { Error = e.Reason });

    /// <summary>The run's summary ended with its counts (or, when its start is not held, added in start order).</summary>
    private LinkRunHistory Ended(
        string runId, DateTimeOffset startedAt, DateTimeOffset finishedAt, RunOutcome outcome, SyncCounts mail, SyncCounts calendar, Func<RunSummary, RunSummary> rest)
    {
        var run = Runs.FirstOrDefault(r => string.Equals(r.RunId, runId, StringComparison.Ordinal))
            ?? new RunSummary(runId, null, startedAt, null, RunOutcome.Running, 0, 0, 0, [], 0, null);
        var ended = rest(run with
        {
            FinishedAt = finishedAt,
            Outcome = outcome,
            Scanned = mail.Scanned + calendar.Scanned,
            Matched = mail.Matched + calendar.Matched,
            New = mail.New + calendar.New,
            Filtered = mail.Add(calendar).Filtered,
        });
        var others = Runs.Where(r => !string.Equals(r.RunId, runId, StringComparison.Ordinal));
        return this with { Runs = [.. others.Append(ended).OrderByDescending(r => r.StartedAt).Take(Kept)] };
    }
}

/// <summary>Keeps <see cref="LinkRunHistory"/> from each link's sync stream, in the run's own transaction.</summary>
internal sealed class LinkRunHistoryProjection : SingleStreamProjection<LinkRunHistory, string>
{
    public LinkRunHistoryProjection()
    {
        IncludeType<SyncRunStarted>();
        IncludeType<SyncRunCompleted>();
        IncludeType<SyncRunFailed>();
    }

    public override LinkRunHistory? Evolve(LinkRunHistory? snapshot, string id, IEvent e)
    {
        var history = snapshot ?? new LinkRunHistory(id, []);
        return e.Data switch
        {
            SyncRunStarted started => history.Started(started),
            SyncRunCompleted completed => history.Completed(completed),
            SyncRunFailed failed => history.Failed(failed),
            _ => snapshot,
        };
    }
}
