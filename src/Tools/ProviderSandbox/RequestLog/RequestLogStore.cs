using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;

namespace NavusoftSync.Tools.ProviderSandbox.RequestLog;

/// <summary>Every API request served, in order. Thread-safe; bounded so a long standalone run cannot grow without limit.</summary>
internal sealed class RequestLogStore(SandboxOptions options)
{
    private readonly int _capacity = options.RequestLogCapacity;
    private readonly Lock _gate = new();
    private readonly LinkedList<RequestLogEntry> _entries = new();
    private long _sequence;

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Add(RequestLogEntry entry)
    {
        lock (_gate)
        {
            _entries.AddLast(entry);
            if (_entries.Count > _capacity)
            {
                _entries.RemoveFirst();
            }
        }
    }

    public IReadOnlyList<RequestLogEntry> Query(RequestLogFilter filter)
    {
        lock (_gate)
        {
            return [.. _entries.Where(filter.Matches)];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
