using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.Realism;

/// <summary>One mailbox's rolling windows, its Graph requests in flight and its counters (which add up to its provider's).</summary>
internal sealed class MailboxLimits(SandboxProvider provider)
{
    private int _graphInFlight;

    public SandboxProvider Provider { get; } = provider;

    public RollingWindow GmailUnits { get; } = new(60);

    public RollingWindow CalendarRequests { get; } = new(60);

    public RollingWindow GraphRequests { get; } = new(600);

    public RealismCounter Counter { get; } = new();

    public int GraphInFlight => Volatile.Read(ref _graphInFlight);

    /// <summary>Takes a Graph slot when fewer than <paramref name="limit"/> are taken (0: no limit).</summary>
    public bool TryEnterGraph(int limit)
    {
        if (Interlocked.Increment(ref _graphInFlight) <= limit || limit == 0)
        {
            return true;
        }

        Interlocked.Decrement(ref _graphInFlight);
        return false;
    }

    public void LeaveGraph() => Interlocked.Decrement(ref _graphInFlight);
}
