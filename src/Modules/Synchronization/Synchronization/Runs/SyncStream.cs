namespace NavusoftSync.Synchronization.Runs;

/// <summary>A link's sync stream ("sync:{linkId}"): its runs' started, completed and failed events.</summary>
internal static class SyncStream
{
    public static string KeyOf(string linkId) => $"sync:{linkId}";
}

