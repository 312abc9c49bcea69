using Mediator;
using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.Synchronization.Runs;
using Quartz;

namespace NavusoftSync.Synchronization.Jobs;

/// <summary>
/// Thin: binds the scope to the link's tenant and sends <see cref="RunLinkSync"/>, with the trigger the firing
/// Quartz trigger carries (<see cref="TriggerKey"/>; the interval trigger carries none: <see cref="SyncTrigger.Schedule"/>).
/// </summary>
[DisallowConcurrentExecution]
internal sealed class SyncLinkJob(ITenantScope tenant, ISender sender) : IJob
{
    public const string TenantKey = "tenant";
    public const string LinkKey = "link";
    public const string TriggerKey = "trigger";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        tenant.Use(context.MergedJobDataMap.GetString(TenantKey)!);
        var trigger = Enum.TryParse<SyncTrigger>(context.MergedJobDataMap.GetString(TriggerKey), out var named) ? named : SyncTrigger.Schedule;
        await sender.Send(new RunLinkSync(context.MergedJobDataMap.GetString(LinkKey)!, trigger), cancellationToken);
    }
}
