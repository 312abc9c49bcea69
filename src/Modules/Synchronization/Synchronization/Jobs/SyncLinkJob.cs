using NavusoftSync.Synchronization.Runs;
using Quartz;

namespace NavusoftSync.Synchronization.Jobs;

/// <summary>
/// Thin: starts a run of the job's link in its tenant (<see cref="SyncRuns"/>), with the trigger the firing Quartz
/// trigger carries (<see cref="TriggerKey"/>; the interval trigger carries none: <see cref="SyncTrigger.Schedule"/>); then
/// after a scheduled run, makes sure an active link has its push upkeep job (links made before push existed, or while it
/// was off, get one within an interval; runs woken by push or by the user need not ask the scheduler again).
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
        if (trigger == SyncTrigger.Schedule && !ReferenceEquals(result, SyncRunResult.Inactive))
        {
            await scheduler.EnsurePushUpkeepAsync(tenant, link, cancellationToken);
        }
    }
}
