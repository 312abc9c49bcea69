using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.Push;

/// <summary>Push faults waiting for a mailbox's next notifications, first queued first used. Thread-safe.</summary>
internal sealed class PushFaultQueue
{
    private readonly Lock _gate = new();
    private readonly List<(PushFaultSpec Spec, int Remaining)> _faults = [];

    public void Enqueue(PushFaultSpec spec)
    {
        lock (_gate)
        {
            _faults.Add((spec, Math.Max(1, spec.Count)));
        }
    }

    /// <summary>The fault that hits this mailbox's next notification, counted down; null when none waits.</summary>
    public PushFaultSpec? Take(string mailbox)
    {
        lock (_gate)
        {
            var index = _faults.FindIndex(f => f.Spec.Mailbox.Equals(mailbox, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return null;
            }

            var (spec, remaining) = _faults[index];
            if (remaining <= 1)
            {
                _faults.RemoveAt(index);
            }
            else
            {
                _faults[index] = (spec, remaining - 1);
            }

            return spec;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }
}
