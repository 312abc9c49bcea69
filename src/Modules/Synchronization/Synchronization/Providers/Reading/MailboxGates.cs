using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace NavusoftSync.Synchronization.Providers.Reading;

/// <summary>A mailbox's concurrency slots (shared by every read of it) and the request budget of the read at hand.</summary>
internal sealed record MailboxGate(SemaphoreSlim Slots, IRequestBudget Budget);

/// <summary>
/// One semaphore per linked mailbox, shared by every call of a reader (and by concurrent runs of the same link), so the
/// mailbox never has more than <see cref="ProviderReadingOptions.MaxConcurrentRequestsPerMailbox"/> requests in flight.
/// </summary>
internal sealed class MailboxGates(IOptions<ProviderReadingOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public MailboxGate For(MailboxAccess access)
    {
        var limit = options.Value.MaxConcurrentRequestsPerMailbox;
        return new MailboxGate(_gates.GetOrAdd($"{access.Provider}|{access.LinkId}", _ => new SemaphoreSlim(limit, limit)), access.Budget);
    }

    public void Dispose()
    {
        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }

        _gates.Clear();
    }
}
