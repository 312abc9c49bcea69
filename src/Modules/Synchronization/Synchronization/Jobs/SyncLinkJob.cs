using NavusoftSync.Synchronization.Runs;
using Quartz;

namespace NavusoftSync.Synchronization.Jobs;

/// <summary>
/// Thin: starts a run of the job's link in its tenant (<see cref="SyncRuns"/>), with the trigger the firing Quartz
/// trigger carries (<see cref="TriggerKey"/>; the interval trigger carries none: <see cref="SyncTrigger.Schedule"/>). A run
/// stopped at the time limit is followed by a new run at once (it resumes from its last committed page). After a
/// scheduled run, makes sure an active link has its push upkeep job and its completeness check job (links made before
/// these existed, or while push was off, get them within an interval; runs woken otherwise need not ask the scheduler again).
/// </summary>
[DisallowConcurrentExecution]
internal sealed class SyncLinkJob(SyncRuns runs, SyncScheduler scheduler) : IJob
{
    public const string TenantKey = "tenant";
    public const string LinkKey = "link";
    public const string TriggerKey = "trigger";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        var trigger = Enum.TryParse<SyncTrigger>(data.GetString(TriggerKey), out var named) ? named : SyncTrigger.Schedule;
        var (tenant, link) = (data.GetString(TenantKey)!, data.GetString(LinkKey)!);
        var result = await runs.RunAsync(tenant, link, trigger, cancellationToken);
        if (result.TimedOut && trigger != SyncTrigger.Check)
        {
            await scheduler.TriggerNowAsync(tenant, link, SyncTrigger.Schedule, cancellationToken);
        }

        if (trigger == SyncTrigger.Schedule && !ReferenceEquals(result, SyncRunResult.Inactive))
        {
            await scheduler.EnsurePushUpkeepAsync(tenant, link, cancellationToken);
            await scheduler.EnsureCheckAsync(tenant, link, cancellationToken);
        }
    }
}
