namespace NavusoftSync.Synchronization.Runs;

/// <summary>A link's sync stream ("sync:{linkId}"): its runs' started, completed and failed events.</summary>
internal static class SyncStream
{
    public static string KeyOf(string linkId) => $"sync:{linkId}";
}

/// <summary>
/// <see cref="SyncStream.KeyOf"/> under the name <c>ScheduledSyncTests</c> calls; delete this class once that test
/// calls <see cref="SyncStream.KeyOf"/>.
/// </summary>
internal static class SyncRunner
{
    public static string SyncStreamKey(string linkId) => SyncStream.KeyOf(linkId);
}
