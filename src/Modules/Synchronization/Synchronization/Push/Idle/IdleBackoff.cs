namespace NavusoftSync.Synchronization.Push.Idle;

/// <summary>
/// The wait before the next reconnect of an IDLE connection: exponential from <see cref="ImapIdleOptions.FirstRetry"/>,
/// bounded by <see cref="ImapIdleOptions.LongestRetry"/>, with "equal jitter" (half fixed, half random) so connections a
/// server dropped together do not all come back in the same second.
/// </summary>
internal static class IdleBackoff
{
    /// <param name="failures">Failures in a row, 1 for the first.</param>
    /// <param name="random">A value in [0, 1).</param>
    public static TimeSpan Delay(int failures, double random)
    {
        var exponent = Math.Clamp(failures - 1, 0, 20);
        var ceiling = Math.Min(ImapIdleOptions.LongestRetry.TotalMilliseconds, ImapIdleOptions.FirstRetry.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (ceiling / 2 * Math.Clamp(random, 0, 1)));
    }
}
