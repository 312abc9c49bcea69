using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Tenancy;

namespace NavusoftSync.Synchronization.Runs;

/// <summary>
/// Where every starter (the Quartz job, which push wake-ups fire too, and tests) starts a run: a DI scope of the run's own, bound
/// to the link's tenant before anything in it opens a session, then <see cref="SyncRun"/> in that scope.
/// </summary>
internal sealed class SyncRuns(IServiceScopeFactory scopes)
{
    public async Task<SyncRunResult> RunAsync(string tenantId, string linkId, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantScope>().Use(tenantId);
        return await scope.ServiceProvider.GetRequiredService<SyncRun>().RunAsync(linkId, trigger, cancellationToken);
    }
}
