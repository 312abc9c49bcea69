using Mediator;
using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.Synchronization.Runs;
using Quartz;

namespace NavusoftSync.Synchronization.Jobs;

/// <summary>Thin: binds the scope to the link's tenant and sends <see cref="RunLinkSync"/>.</summary>
[DisallowConcurrentExecution]
internal sealed class SyncLinkJob(ITenantScope tenant, ISender sender) : IJob
{
    public const string TenantKey = "tenant";
    public const string LinkKey = "link";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        tenant.Use(context.MergedJobDataMap.GetString(TenantKey)!);
        await sender.Send(new RunLinkSync(context.MergedJobDataMap.GetString(LinkKey)!), cancellationToken);
    }
}
