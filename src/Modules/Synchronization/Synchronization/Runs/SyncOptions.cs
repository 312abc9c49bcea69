namespace NavusoftSync.Synchronization.Runs;

/// <summary>The <c>Sync</c> configuration section (CONTRACT.md).</summary>
internal sealed class SyncOptions
{
    public const string SectionName = "Sync";

    public int IntervalSeconds { get; set; } = 300;

    public int InitialEmailDays { get; set; } = 14;

    public int CalendarPastDays { get; set; } = 14;

    public int CalendarFutureDays { get; set; } = 180;
}
