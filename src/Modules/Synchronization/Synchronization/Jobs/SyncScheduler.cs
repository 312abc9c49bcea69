using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Synchronization.Runs;
using NavusoftSync.Synchronization.Runs.Checks;
using Quartz;

namespace NavusoftSync.Synchronization.Jobs;

/// <summary>
/// One durable Quartz job per active link in the clustered store, firing every
/// <c>Sync:IntervalSeconds</c>; recoverable (a dead node's run re-runs elsewhere — safe, recording
/// is idempotent); misfires skipped to the next slot rather than replayed in a burst. Cursors live
/// in PostgreSQL beside the events, never in the job data (which holds only tenant and link).
/// Each link also has a completeness check job (<see cref="CheckLinkJob"/>, every <c>Sync:CheckIntervalHours</c>), which
/// only fires the link's sync job with trigger <see cref="SyncTrigger.Check"/>, so a check never runs beside a sync of
/// the same link. With the scheduler switched off (<c>Quartz:Enabled=false</c>) scheduling does nothing.
/// </summary>
internal sealed class SyncScheduler(IServiceProvider services, IOptions<SyncOptions> options, IOptions<PushOptions> push, IOptions<CheckOptions> checks)
{
    public const string Group = "sync";

    public static JobKey JobKeyFor(string tenantId, string linkId) => new($"{tenantId}|{linkId}", Group);

    public async Task ScheduleAsync(string tenantId, string linkId, bool runNow, CancellationToken cancellationToken)
    {
        if (services.GetService<ISchedulerFactory>() is not { } schedulers)
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = JobKeyFor(tenantId, linkId);
        var job = JobBuilder.Create<SyncLinkJob>()
            .WithIdentity(key)
            .UsingJobData(SyncLinkJob.TenantKey, tenantId)
            .UsingJobData(SyncLinkJob.LinkKey, linkId)
            .StoreDurably()
            .RequestRecovery()
            .Build();
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds));
        var trigger = IntervalTrigger(key, interval, runNow ? DateTimeOffset.UtcNow : DateTimeOffset.UtcNow.Add(interval));
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
    }

    private static ITrigger IntervalTrigger(JobKey key, TimeSpan interval, DateTimeOffset startAt) => TriggerBuilder.Create()
        .WithIdentity(new TriggerKey(key.Name, Group))
        .ForJob(key)
        .StartAt(startAt)
        .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
        .Build();

    /// <summary>
    /// Runs the link's job now (after a running one ends); nothing when the link has no job. Requests
    /// coalesce: the link has one "now" trigger, so requests made while it waits join it, and one made
    /// while the job runs replaces the fired trigger, so exactly one more run follows. (A contact
    /// import asks once per address and link; every request's work is stored, not carried by the
    /// trigger, so the one run does all of it.) The trigger carries <paramref name="why"/>, which the
    /// run records (the last request's, when requests coalesce).
    /// </summary>
    public Task TriggerNowAsync(string tenantId, string linkId, SyncTrigger why, CancellationToken cancellationToken) =>
        FireNowAsync(JobKeyFor(tenantId, linkId), new JobDataMap { [SyncLinkJob.TriggerKey] = why.ToString() }, cancellationToken);

    /// <summary>
    /// Runs the link's completeness check soon: its sync job fires once more with trigger <see cref="SyncTrigger.Check"/>,
    /// after a running sync ends. Check requests coalesce among themselves (one "check" trigger per link), never with
    /// sync requests, so neither replaces the other. Nothing when the link has no sync job.
    /// </summary>
    public Task TriggerCheckAsync(string tenantId, string linkId, CancellationToken cancellationToken) =>
        FireNowAsync(JobKeyFor(tenantId, linkId), new JobDataMap { [SyncLinkJob.TriggerKey] = nameof(SyncTrigger.Check) }, cancellationToken, "check");

    /// <summary>
    /// Runs the link's sync soon, its sync job scheduled again first when it has gone (<see cref="ScheduleAsync"/>, with
    /// a run at once); what the run watchdog does for a link whose run was lost or that is overdue.
    /// </summary>
    public async Task RunSoonAsync(string tenantId, string linkId, CancellationToken cancellationToken)
    {
        if (services.GetService<ISchedulerFactory>() is not { } schedulers)
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (await scheduler.Exists(JobKeyFor(tenantId, linkId), cancellationToken))
        {
            await TriggerNowAsync(tenantId, linkId, SyncTrigger.Schedule, cancellationToken);
        }
        else
        {
            await ScheduleAsync(tenantId, linkId, runNow: true, cancellationToken);
        }
    }

    /// <summary>The job key of a link's completeness check schedule.</summary>
    public static JobKey CheckJobKeyFor(string tenantId, string linkId) => new($"{tenantId}|{linkId}", CheckGroup);

    public const string CheckGroup = "check";

    /// <summary>The link's completeness check job (<see cref="CheckLinkJob"/>), durable, first firing one interval from now.</summary>
    public async Task ScheduleCheckAsync(string tenantId, string linkId, CancellationToken cancellationToken)
    {
        if (services.GetService<ISchedulerFactory>() is not { } schedulers)
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = CheckJobKeyFor(tenantId, linkId);
        var job = JobBuilder.Create<CheckLinkJob>()
            .WithIdentity(key)
            .UsingJobData(CheckLinkJob.TenantKey, tenantId)
            .UsingJobData(CheckLinkJob.LinkKey, linkId)
            .StoreDurably()
            .Build();
        var interval = checks.Value.CheckInterval;
        var trigger = TriggerBuilder.Create()
            .WithIdentity(new TriggerKey(key.Name, CheckGroup))
            .ForJob(key)
            .StartAt(DateTimeOffset.UtcNow.Add(interval))
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
    }

    /// <summary>Schedules the link's completeness check job when it has none (links made before the check existed).</summary>
    public async Task EnsureCheckAsync(string tenantId, string linkId, CancellationToken cancellationToken)
    {
        if (services.GetService<ISchedulerFactory>() is not { } schedulers)
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (!await scheduler.Exists(CheckJobKeyFor(tenantId, linkId), cancellationToken))
        {
            await ScheduleCheckAsync(tenantId, linkId, cancellationToken);
        }
    }

    /// <summary>The interval of the link's sync trigger as scheduled now; null when it has none (or the scheduler is off).</summary>
    public async Task<TimeSpan?> PollIntervalAsync(string tenantId, string linkId, CancellationToken cancellationToken)
    {
        if (services.GetService<ISchedulerFactory>() is not { } schedulers)
        {
            return null;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = JobKeyFor(tenantId, linkId);
        return await scheduler.GetTrigger(new TriggerKey(key.Name, Group), cancellationToken) is ISimpleTrigger trigger ? trigger.RepeatInterval : null;
    }

    /// <summary>The job key of a link's push upkeep (its subscriptions, watch and channels).</summary>
    public static JobKey PushJobKeyFor(string tenantId, string linkId) => new($"{tenantId}|{linkId}", PushGroup);

    public const string PushGroup = "push";

    /// <summary>Runs the link's push upkeep job now, coalesced like <see cref="TriggerNowAsync"/>; nothing when the link has no such job.</summary>
    public Task TriggerPushUpkeepAsync(string tenantId, string linkId, CancellationToken cancellationToken) =>
        FireNowAsync(PushJobKeyFor(tenantId, linkId), [], cancellationToken);

    private async Task FireNowAsync(JobKey key, JobDataMap data, CancellationToken cancellationToken, string name = "now")
    {
        if (services.GetService<ISchedulerFactory>() is not { } schedulers)
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (await scheduler.GetJobDetail(key, cancellationToken) is not { } job)
        {
            return;
        }

        var now = TriggerBuilder.Create()
            .WithIdentity(new TriggerKey($"{key.Name}|{name}", key.Group))
            .ForJob(key)
            .UsingJobData(data)
            .StartNow()
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, [now], new ScheduleJobOptions { Replace = true }, cancellationToken);
    }

    /// <summary>
    /// The link's poll interval: <c>Sync:FallbackIntervalSeconds</c> while its push is healthy, else <c>Sync:IntervalSeconds</c>.
    /// The interval trigger is replaced only when its interval changes, firing one new interval from now.
    /// </summary>
    public async Task SetPollIntervalAsync(string tenantId, string linkId, bool healthyPush, CancellationToken cancellationToken)
    {
        if (services.GetService<ISchedulerFactory>() is not { } schedulers)
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = JobKeyFor(tenantId, linkId);
        var triggerKey = new TriggerKey(key.Name, Group);
        var interval = healthyPush ? push.Value.FallbackInterval : TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds));
        if (await scheduler.GetTrigger(triggerKey, cancellationToken) is not ISimpleTrigger current || current.RepeatInterval == interval)
        {
            return;
        }

        await scheduler.RescheduleJob(triggerKey, IntervalTrigger(key, interval, DateTimeOffset.UtcNow.Add(interval)), cancellationToken);
    }

    /// <summary>
    /// The link's push upkeep job (<see cref="PushUpkeepJob"/>), durable and recoverable like the sync job, every
    /// <c>Sync:PushUpkeepSeconds</c> (<see cref="PushOptions.UpkeepInterval"/>).
    /// </summary>
    public async Task SchedulePushUpkeepAsync(string tenantId, string linkId, CancellationToken cancellationToken)
    {
        if (services.GetService<ISchedulerFactory>() is not { } schedulers)
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = PushJobKeyFor(tenantId, linkId);
        var job = JobBuilder.Create<PushUpkeepJob>()
            .WithIdentity(key)
            .UsingJobData(PushUpkeepJob.TenantKey, tenantId)
            .UsingJobData(PushUpkeepJob.LinkKey, linkId)
            .StoreDurably()
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(new TriggerKey(key.Name, PushGroup))
            .ForJob(key)
            .StartAt(DateTimeOffset.UtcNow.Add(push.Value.UpkeepInterval))
            .WithSimpleSchedule(s => s.WithInterval(push.Value.UpkeepInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
    }

    /// <summary>With push on, schedules and fires the link's push upkeep job when it has none; nothing otherwise.</summary>
    public async Task EnsurePushUpkeepAsync(string tenantId, string linkId, CancellationToken cancellationToken)
    {
        if (!push.Value.IsOn || services.GetService<ISchedulerFactory>() is not { } schedulers)
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (!await scheduler.Exists(PushJobKeyFor(tenantId, linkId), cancellationToken))
        {
            await SchedulePushUpkeepAsync(tenantId, linkId, cancellationToken);
            await TriggerPushUpkeepAsync(tenantId, linkId, cancellationToken);
        }
    }

    public async Task UnschedulePushUpkeepAsync(string tenantId, string linkId, CancellationToken cancellationToken)
    {
        if (services.GetService<ISchedulerFactory>() is not { } schedulers)
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.DeleteJob(PushJobKeyFor(tenantId, linkId), cancellationToken);
    }

    public async Task UnscheduleAsync(string tenantId, string linkId, CancellationToken cancellationToken)
    {
        if (services.GetService<ISchedulerFactory>() is not { } schedulers)
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.DeleteJob(JobKeyFor(tenantId, linkId), cancellationToken);
        await scheduler.DeleteJob(CheckJobKeyFor(tenantId, linkId), cancellationToken);
    }
}
