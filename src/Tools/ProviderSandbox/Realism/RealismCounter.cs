using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.Realism;

/// <summary>Requests, throttled answers and units spent, counted without locks.</summary>
internal sealed class RealismCounter
{
    private long _requests;
    private long _throttled;
    private long _units;

    public void Count(long units, bool throttled)
    {
        Interlocked.Increment(ref _requests);
        if (throttled)
        {
            Interlocked.Increment(ref _throttled);
        }
        else
        {
            Interlocked.Add(ref _units, units);
        }
    }

    public ProviderCounters Read() => new(Interlocked.Read(ref _requests), Interlocked.Read(ref _throttled), Interlocked.Read(ref _units));

    public void Clear()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _throttled, 0);
        Interlocked.Exchange(ref _units, 0);
    }
}
