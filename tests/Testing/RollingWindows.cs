namespace NavusoftSync.Testing;

/// <summary>What a provider's rolling-window limiter sees of a run of spends: the most units within any one window.</summary>
public static class RollingWindows
{
    /// <summary>
    /// The most units spent within any window of <paramref name="window"/>, for spends ordered by time (each window starting
    /// at a spend: the busiest one does).
    /// </summary>
    public static int Busiest(IReadOnlyList<(TimeSpan At, int Units)> spends, TimeSpan window)
    {
        var (worst, sum, end) = (0, 0, 0);
        for (var start = 0; start < spends.Count; start++)
        {
            while (end < spends.Count && spends[end].At < spends[start].At + window)
            {
                sum += spends[end++].Units;
            }

            worst = Math.Max(worst, sum);
            sum -= spends[start].Units;
        }

        return worst;
    }
}
