using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NavusoftSync.Synchronization.Runs.Checks;
using Quartz;

namespace NavusoftSync.Synchronization.Jobs;

/// <summary>
/// At start, stores the cluster's one run watchdog job (<see cref="RunWatchdogJob"/>, every <c>Sync:WatchdogMinutes</c>)
/// in the clustered store when it is not there yet (or its interval changed); several nodes starting at once replace it
/// with the same. Nothing with the scheduler switched off.
/// </summary>
internal sealed class RunWatchdogSchedule(IServiceProvider services, IOptions<CheckOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<ISchedulerFactory>() is not { } schedulers)
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var interval = options.Value.WatchdogInterval;
        var triggerKey = new TriggerKey(RunWatchdogJob.Key.Name, RunWatchdogJob.Key.Group);
        if (await scheduler.GetTrigger(triggerKey, cancellationToken) is ISimpleTrigger current && current.RepeatInterval == interval)
        {
            return;
        }

        var job = JobBuilder.Create<RunWatchdogJob>().WithIdentity(RunWatchdogJob.Key).StoreDurably().Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(triggerKey)
            .ForJob(RunWatchdogJob.Key)
            .StartAt(DateTimeOffset.UtcNow.Add(interval))
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
