using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NavusoftSync.Synchronization.Jobs;
using NavusoftSync.Synchronization.Links;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Synchronization.Runs.Progress;

namespace NavusoftSync.Synchronization.Runs.Checks.Health;

/// <summary>
/// One sweep over every tenant's links (<see cref="LinkRunHealth"/>): a run shown running for longer than the time
/// limit allows is ended as failed with a sentence saying so, and a link no run of which has ended for three of its
/// intervals gets a failed entry saying since when; either way the link's status shows <c>Failed</c> with that sentence
/// until a run completes, and a new run is started (its sync job scheduled again if it has gone). The link's interval is
/// its sync trigger's as scheduled now (push health changes it), else <c>Sync:IntervalSeconds</c>.
/// </summary>
internal sealed partial class RunWatchdog(
    IDocumentStore store, SyncScheduler scheduler, IOptions<SyncOptions> sync, IOptions<CheckOptions> checks, IOptions<PushOptions> push,
    TimeProvider clock, ILogger<RunWatchdog> logger)
{
    /// <summary>The most links one sweep looks at; the ones whose runs ended most recently first.</summary>
    public const int MaxPerSweep = 500;

    /// <returns>How many links the sweep flagged.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var flagged = 0;
        foreach (var health in await CandidatesAsync(now, cancellationToken))
        {
            var interval = await scheduler.PollIntervalAsync(health.TenantId, health.LinkId, cancellationToken) ?? PollInterval;
            var finding = RunHealthRules.Assess(health, now, checks.Value.RunTimeLimit, interval);
            if (finding != RunHealthFinding.Healthy && await FlagAsync(health, finding, now, cancellationToken))
            {
                flagged++;
            }
        }

        return flagged;
    }

    private TimeSpan PollInterval => TimeSpan.FromSeconds(Math.Max(1, sync.Value.IntervalSeconds));

    /// <summary>Links that may be stale or overdue at the shortest interval any link can have; each is then assessed at its own.</summary>
    private async Task<IReadOnlyList<LinkRunHealth>> CandidatesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var shortest = push.Value.IsOn && push.Value.FallbackInterval < PollInterval ? push.Value.FallbackInterval : PollInterval;
        var staleBefore = now - checks.Value.RunTimeLimit - RunHealthRules.Grace;
        var overdueBefore = now - (shortest * RunHealthRules.OverdueIntervals);
        await using var session = store.QuerySession();
        return await session.Query<LinkRunHealth>()
            .Where(h => h.AnyTenant() && ((h.RunningRunId != null && h.RunStartedAt < staleBefore) || (h.RunningRunId == null && h.LastEndedAt < overdueBefore)))
            .OrderByDescending(h => h.LastEndedAt)
            .Take(MaxPerSweep)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Ends the stale run (or enters the overdue one) as failed and starts a new run; nothing for a link no longer active.</summary>
    private async Task<bool> FlagAsync(LinkRunHealth health, RunHealthFinding finding, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession(health.TenantId);
        if (await session.LoadAsync<SyncedLink>(health.LinkId, cancellationToken) is not { Active: true })
        {
            return false;
        }

        if (finding == RunHealthFinding.StaleRun)
        {
            session.Delete<LinkRunProgress>(health.LinkId); // the lost run's progress goes with it
        }

        session.Events.Append(SyncStream.KeyOf(health.LinkId), finding == RunHealthFinding.StaleRun
            ? new SyncRunFailed(health.LinkId, health.RunningRunId!, health.RunStartedAt!.Value, now, RunHealthRules.StaleRunReason, SyncCounts.Zero, SyncCounts.Zero)
            : new SyncRunFailed(health.LinkId, Guid.CreateVersion7().ToString(), now, now, RunHealthRules.OverdueReason(health.LastEndedAt), SyncCounts.Zero, SyncCounts.Zero));
        await session.SaveChangesAsync(cancellationToken);
        LogFlagged(logger, health.LinkId, finding);
        await scheduler.RunSoonAsync(health.TenantId, health.LinkId, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {LinkId}: {Finding}; its run is ended as failed and a new run started")]
    private static partial void LogFlagged(ILogger logger, string linkId, RunHealthFinding finding);
}
