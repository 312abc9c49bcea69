using System.Data.Common;
using NavusoftSync.Synchronization.Providers;

namespace NavusoftSync.Synchronization.Quota;

/// <summary>
/// This host's share of one mailbox's quota for one API: a local bucket filled from the shared ledger in chunks (one ledger
/// round trip per chunk, one at a time per mailbox), spent by every run of the mailbox on this host. Granted units lapse
/// after the hold, as the headroom arithmetic assumes (<see cref="QuotaRate"/>). When the ledger grants nothing the spender
/// waits the time the ledger computed from the deficit and the rate (or the pause), then asks again: no polling loop.
/// A ledger that cannot be reached fails the read (<see cref="ProviderUnavailableException"/>): no request goes unbudgeted.
/// </summary>
internal sealed class MailboxQuota(QuotaKey key, QuotaRate rate, IQuotaLedger ledger, QuotaOptions options, TimeSpan maxWait, TimeProvider clock)
    : IDisposable
{
    private readonly SemaphoreSlim _granting = new(1, 1);
    private readonly Lock _lock = new();
    private int _tokens;
    private DateTimeOffset _lapsesAt;

    public QuotaKey Key => key;

    /// <summary>The shared bucket's units left after this host's last grant, as a fraction of its burst.</summary>
    public double RemainingFraction { get; private set; } = 1;

    public DateTimeOffset LastUsed { get; private set; }

    public async ValueTask SpendAsync(int units, CancellationToken cancellationToken)
    {
        var need = rate.Need(units);
        while (!TryTake(need))
        {
            await _granting.WaitAsync(cancellationToken);
            try
            {
                if (TryTake(need) || await GrantOrWaitAsync(need, cancellationToken))
                {
                    return;
                }
            }
            finally
            {
                _granting.Release();
            }
        }
    }

    /// <summary>A provider asked this mailbox to pause: this host's units are dropped and the shared bucket paused for every host.</summary>
    public async Task PauseAsync(TimeSpan pause, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _tokens = 0;
        }

        await LedgerAsync(() => ledger.PauseAsync(key, pause, cancellationToken));
    }

    public void Dispose() => _granting.Dispose();

    private bool TryTake(int need)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            LastUsed = now;
            _tokens = now < _lapsesAt ? _tokens : 0;
            if (_tokens < need)
            {
                return false;
            }

            _tokens -= need;
            return true;
        }
    }

    /// <summary>Takes a grant from the ledger and spends <paramref name="need"/> of it at once (true), or waits the time the ledger named (false).</summary>
    private async Task<bool> GrantOrWaitAsync(int need, CancellationToken cancellationToken)
    {
        var grant = await LedgerAsync(() => ledger.GrantAsync(key, need, rate.Chunk(need, options.GrantHold), rate, cancellationToken));
        RemainingFraction = Math.Clamp(grant.Remaining / rate.Burst, 0, 1);
        if (grant.Granted > 0)
        {
            lock (_lock)
            {
                _tokens = grant.Granted - need;
                _lapsesAt = clock.GetUtcNow() + options.GrantHold;
            }

            return true;
        }

        if (grant.Wait > maxWait)
        {
            throw new ProviderUnavailableException($"The {key.Api} quota of the mailbox is paused for {grant.Wait.TotalSeconds:0} s; it is read again on a later run.");
        }

        await Task.Delay(grant.Wait < MinimumWait ? MinimumWait : grant.Wait, clock, cancellationToken);
        return false;
    }

    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(5);

    private static async Task<T> LedgerAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (DbException e)
        {
            throw new ProviderUnavailableException("The mailbox's quota budget could not be granted (database unavailable); it is read again on a later run.", e);
        }
    }

    private static async Task LedgerAsync(Func<Task> call) => await LedgerAsync(async () =>
    {
        await call();
        return true;
    });
}
