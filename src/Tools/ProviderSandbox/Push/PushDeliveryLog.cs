using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.Push;

/// <summary>Every outbound attempt, in order; bounded so a long standalone run cannot grow without limit.</summary>
internal sealed class PushDeliveryLog(TimeProvider clock)
{
    private const int Capacity = 10_000;
    private const int BodyLimit = 4_000;
    private readonly Lock _gate = new();
    private readonly LinkedList<PushDeliveryRecord> _entries = new();
    private long _sequence;

    public IReadOnlyList<PushDeliveryRecord> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public void Add(OutboundNotification notification, PushAttempt attempt)
    {
        var body = notification.Body.Length > BodyLimit ? notification.Body[..BodyLimit] : notification.Body;
        lock (_gate)
        {
            _entries.AddLast(new PushDeliveryRecord
            {
                Sequence = ++_sequence,
                At = clock.GetUtcNow(),
                Mailbox = notification.Mailbox,
                Kind = notification.Kind,
                Url = notification.Url,
                Status = attempt.Status,
                Error = attempt.Error,
                Attempt = attempt.Number,
                Dropped = attempt.Dropped,
                Duplicate = attempt.Duplicate,
                Delayed = attempt.Delayed,
                Body = body,
            });
            if (_entries.Count > Capacity)
            {
                _entries.RemoveFirst();
            }
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

/// <summary>The outcome of one attempt and the faults that shaped it.</summary>
internal sealed record PushAttempt(int? Status, string? Error, int Number = 1, bool Dropped = false, bool Duplicate = false, bool Delayed = false);
