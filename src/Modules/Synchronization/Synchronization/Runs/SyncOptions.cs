using NavusoftSync.Synchronization.Runs.Planning;

namespace NavusoftSync.Synchronization.Runs;

/// <summary>The <c>Sync</c> configuration section (CONTRACT.md).</summary>
internal sealed class SyncOptions
{
    public const string SectionName = "Sync";

    public int IntervalSeconds { get; set; } = 300;

    public int InitialEmailDays { get; set; } = 14;

    public int CalendarPastDays { get; set; } = 14;

    public int CalendarFutureDays { get; set; } = 180;

    /// <summary>
    /// <c>Sync:FirstSyncPlan</c> (environment <c>Sync__FirstSyncPlan</c>): <c>auto</c> (the cheaper plan per read,
    /// <see cref="FirstSyncPlanner"/>), <c>scan</c> or <c>planned</c> (any case). Applies to a Gmail whole-window mail read only.
    /// </summary>
    public FirstSyncPlanMode FirstSyncPlan { get; set; } = FirstSyncPlanMode.Auto;

    /// <summary>False for a plan the enum does not name (the binder takes a number for one).</summary>
    public bool IsValid() => Enum.IsDefined(FirstSyncPlan);
}
