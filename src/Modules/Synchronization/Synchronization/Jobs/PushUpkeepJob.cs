using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.Synchronization.Push;
using Quartz;

namespace NavusoftSync.Synchronization.Jobs;

/// <summary>
/// Thin: keeps one link's push registrations (<see cref="LinkPushUpkeep"/>) in a DI scope of its own bound to the
/// link's tenant. One job per link in the clustered store, so of all hosts one keeps a link at a time and each
/// registration is renewed once.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class PushUpkeepJob(IServiceScopeFactory scopes) : IJob
{
    public const string TenantKey = "tenant";
    public const string LinkKey = "link";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantScope>().Use(data.GetString(TenantKey)!);
        await scope.ServiceProvider.GetRequiredService<LinkPushUpkeep>().RunAsync(data.GetString(LinkKey)!, cancellationToken);
    }
}
