using JasperFx.Events;
using Marten.Events.Aggregation;

namespace NavusoftSync.Synchronization.Runs.Checks.Health;

/// <summary>
/// When a link's runs last ended and which one is running since when, for the run watchdog (<see cref="RunWatchdog"/>),
/// which reads it across tenants; keyed by the link's sync stream (<c>sync:{linkId}</c>).
/// </summary>
/// <param name="LastEndedAt">When the last run completed or failed (until one has, when the first started).</param>
internal sealed record LinkRunHealth(
    string Id, string LinkId, string TenantId, string? RunningRunId, DateTimeOffset? RunStartedAt, DateTimeOffset LastEndedAt, DateTimeOffset? LastCompletedAt)
{
    public LinkRunHealth Started(SyncRunStarted e) => this with { RunningRunId = e.RunId, RunStartedAt = e.StartedAt };

    public LinkRunHealth Completed(SyncRunCompleted e) => Ended(e.RunId, e.FinishedAt) with { LastCompletedAt = e.FinishedAt };

    public LinkRunHealth Failed(SyncRunFailed e) => Ended(e.RunId, e.FailedAt);

    private LinkRunHealth Ended(string runId, DateTimeOffset at) => string.Equals(runId, RunningRunId, StringComparison.Ordinal)
        ? this with { RunningRunId = null, RunStartedAt = null, LastEndedAt = Max(LastEndedAt, at) }
        : this with { LastEndedAt = Max(LastEndedAt, at) };

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>Keeps <see cref="LinkRunHealth"/> from each link's sync stream, in the run's own transaction.</summary>
internal sealed class LinkRunHealthProjection : SingleStreamProjection<LinkRunHealth, string>
{
    public LinkRunHealthProjection()
    {
        IncludeType<SyncRunStarted>();
        IncludeType<SyncRunCompleted>();
        IncludeType<SyncRunFailed>();
    }

    public override LinkRunHealth? Evolve(LinkRunHealth? snapshot, string id, IEvent e) => e.Data switch
    {
        SyncRunStarted started => (snapshot ?? New(id, started.LinkId, e.TenantId, started.StartedAt)).Started(started),
        SyncRunCompleted completed => (snapshot ?? New(id, completed.LinkId, e.TenantId, completed.StartedAt)).Completed(completed),
        SyncRunFailed failed => (snapshot ?? New(id, failed.LinkId, e.TenantId, failed.StartedAt)).Failed(failed),
        _ => snapshot,
    };

    private static LinkRunHealth New(string id, string linkId, string tenantId, DateTimeOffset at) => new(id, linkId, tenantId, null, null, at, null);
}
