using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.Synchronization.Runs;
using Quartz;

namespace NavusoftSync.Synchronization.Jobs;

/// <summary>
/// Thin: binds the scope to the link's tenant and starts a <see cref="SyncRun"/>, with the trigger the firing Quartz
/// trigger carries (<see cref="TriggerKey"/>; the interval trigger carries none: <see cref="SyncTrigger.Schedule"/>).
/// </summary>
[DisallowConcurrentExecution]
internal sealed class SyncLinkJob(ITenantScope tenant, SyncRun run) : IJob
{
    public const string TenantKey = "tenant";
    public const string LinkKey = "link";
    public const string TriggerKey = "trigger";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        tenant.Use(context.MergedJobDataMap.GetString(TenantKey)!);
        var trigger = Enum.TryParse<SyncTrigger>(context.MergedJobDataMap.GetString(TriggerKey), out var named) ? named : SyncTrigger.Schedule;
        await run.RunAsync(context.MergedJobDataMap.GetString(LinkKey)!, trigger, cancellationToken);
    }
}
