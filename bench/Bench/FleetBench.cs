namespace NavusoftSync.Bench;

internal static class FleetBench
{
    public static Task RunAsync(string[] args) => throw new NotSupportedException("Not built yet.");
}
