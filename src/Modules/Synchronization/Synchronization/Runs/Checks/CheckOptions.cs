namespace NavusoftSync.Synchronization.Runs.Checks;

/// <summary>The completeness check's and the run health's keys of the <c>Sync</c> configuration section.</summary>
internal sealed class CheckOptions
{
    public const string SectionName = "Sync";

    /// <summary>Days of mail the completeness check asks the provider for; unset, <c>Sync:InitialEmailDays</c>.</summary>
    public int? CheckDays { get; set; }

    /// <summary>Hours between a link's scheduled completeness checks.</summary>
    public double CheckIntervalHours { get; set; } = 24;

    /// <summary>The longest a run may take; a longer one is stopped, ends as failed and is started again.</summary>
    public double RunTimeLimitSeconds { get; set; } = 900;

    /// <summary>Minutes between two sweeps of the run watchdog (stale runs, overdue links).</summary>
    public double WatchdogMinutes { get; set; } = 5;

    public TimeSpan CheckInterval => TimeSpan.FromHours(Math.Max(0.001, CheckIntervalHours));

    public TimeSpan RunTimeLimit => TimeSpan.FromSeconds(Math.Max(0.1, RunTimeLimitSeconds));

    public TimeSpan WatchdogInterval => TimeSpan.FromMinutes(Math.Max(0.01, WatchdogMinutes));

    public int MailDays(SyncOptions sync) => CheckDays is > 0 and var days ? days : sync.InitialEmailDays;
}
