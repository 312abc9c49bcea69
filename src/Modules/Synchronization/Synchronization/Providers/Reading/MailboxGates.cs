using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NavusoftSync.BuildingBlocks.Email;
using NavusoftSync.Synchronization.Quota;

namespace NavusoftSync.Synchronization.Providers.Reading;

/// <summary>
/// A mailbox's gate for one read: its concurrency slots (shared by every read of the mailbox on this host), the read's own
/// budget, and the mailbox's shared quota budgets (<see cref="MailboxQuotas"/>, one per provider API).
/// </summary>
internal sealed record MailboxGate(SemaphoreSlim Slots, IRequestBudget Budget, string Provider, string Address, MailboxQuotas Quotas);

/// <summary>
/// One semaphore per mailbox (provider and address, normalized by <see cref="EmailAddressRule.Normalize"/> as the quota key
/// is: two links of one mailbox share it), shared by every call of a reader and by concurrent runs, so the mailbox never
/// has more than <see cref="ProviderReadingOptions.ConcurrencyFor"/> requests in flight from this host.
/// </summary>
internal sealed class MailboxGates(IOptions<ProviderReadingOptions> options, MailboxQuotas quotas) : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public MailboxGate For(MailboxAccess access)
    {
        var limit = options.Value.ConcurrencyFor(access.Provider);
        var key = $"{access.Provider}|{EmailAddressRule.Normalize(access.Address)}";
        return new MailboxGate(_gates.GetOrAdd(key, _ => new SemaphoreSlim(limit, limit)), access.Budget, access.Provider, access.Address, quotas);
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
