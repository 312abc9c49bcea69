using Quartz;

namespace NavusoftSync.Synchronization.Jobs;

/// <summary>
/// Thin: on the link's check schedule (<c>Sync:CheckIntervalHours</c>), asks for its completeness check
/// (<see cref="SyncScheduler.TriggerCheckAsync"/>), which the link's sync job runs after any sync in progress.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class CheckLinkJob(SyncScheduler scheduler) : IJob
{
    public const string TenantKey = "tenant";
    public const string LinkKey = "link";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        await scheduler.TriggerCheckAsync(data.GetString(TenantKey)!, data.GetString(LinkKey)!, cancellationToken);
    }
}
