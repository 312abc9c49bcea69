namespace NavusoftSync.Bench;

internal static class FirstSyncBench
{
    public static Task RunAsync(string[] args) => throw new NotSupportedException("Not built yet.");
}
