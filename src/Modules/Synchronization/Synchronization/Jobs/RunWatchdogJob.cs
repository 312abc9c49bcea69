using NavusoftSync.Synchronization.Runs.Checks.Health;
using Quartz;

namespace NavusoftSync.Synchronization.Jobs;

/// <summary>Thin: one sweep of the run watchdog (<see cref="RunWatchdog"/>). One job per cluster, never two sweeps at once.</summary>
[DisallowConcurrentExecution]
internal sealed class RunWatchdogJob(RunWatchdog watchdog) : IJob
{
    public static readonly JobKey Key = new("run-watchdog", "health");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await watchdog.SweepAsync(cancellationToken);
}
