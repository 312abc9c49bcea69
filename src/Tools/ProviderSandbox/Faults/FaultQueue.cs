using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Faults;

/// <summary>
/// Faults waiting to hit a mailbox's next requests or refresh grants (thread-safe; each use counts one down), and the
/// messages hidden from its change feeds (<see cref="FeedOmission"/>; they stay until the faults are cleared).
/// </summary>
internal sealed class FaultQueue
{
    private readonly Lock _gate = new();
    private readonly List<QueuedFault> _faults = [];
    private readonly List<FeedOmission> _omissions = [];
    private int _sequence;

    public IReadOnlyList<QueuedFault> Pending
    {
        get
        {
            lock (_gate)
            {
                return [.. _faults, .. _omissions.Select(o => o.ToQueued())];
            }
        }
    }

    public QueuedFault Enqueue(FaultSpec spec)
    {
        lock (_gate)
        {
            var fault = new QueuedFault(NextId(), spec, Math.Max(1, spec.Count));
            _faults.Add(fault);
            return fault;
        }
    }

    /// <summary>Hides messages of the mailbox from its change feeds (<see cref="FeedOmission"/>) from its version <paramref name="currentVersion"/> on.</summary>
    public QueuedFault Omit(FaultSpec spec, long currentVersion)
    {
        lock (_gate)
        {
            var omission = new FeedOmission(NextId(), spec, currentVersion);
            _omissions.Add(omission);
            return omission.ToQueued();
        }
    }

    /// <summary>The ids of the mailbox's messages its change feeds leave out now; empty when none are.</summary>
    public IReadOnlySet<string> OmittedMessages(string email, MailboxData data)
    {
        lock (_gate)
        {
            return _omissions.Count == 0
                ? new HashSet<string>(StringComparer.Ordinal)
                : _omissions.Where(o => o.Concerns(email)).SelectMany(o => o.MessageIds(data)).ToHashSet(StringComparer.Ordinal);
        }
    }

    /// <summary>A 401/429/500/503 fault for this request, if one is queued. Token endpoints are hit only by faults whose prefix names them.</summary>
    public QueuedFault? TakeRequestFault(string email, PathString path, bool isTokenEndpoint) =>
        Take(fault =>
            fault.Spec.Kind is FaultKind.Throttle or FaultKind.ServerError or FaultKind.ServiceUnavailable or FaultKind.Unauthorized
            && fault.Spec.Mailbox.Equals(email, StringComparison.OrdinalIgnoreCase)
            && (fault.Spec.PathPrefix is { } prefix
                ? (path.Value ?? string.Empty).StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                : !isTokenEndpoint));

    public bool TakeInvalidGrant(string email) =>
        Take(fault => fault.Spec.Kind == FaultKind.InvalidGrant && fault.Spec.Mailbox.Equals(email, StringComparison.OrdinalIgnoreCase)) is not null;

    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
            _omissions.Clear();
        }
    }

    private string NextId() => "fault-" + (++_sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private QueuedFault? Take(Func<QueuedFault, bool> matches)
    {
        lock (_gate)
        {
            var index = _faults.FindIndex(f => matches(f));
            if (index < 0)
            {
                return null;
            }

            var fault = _faults[index];
            if (fault.Remaining <= 1)
            {
                _faults.RemoveAt(index);
            }
            else
            {
                _faults[index] = fault with { Remaining = fault.Remaining - 1 };
            }

            return fault;
        }
    }
}
