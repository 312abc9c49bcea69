using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NavusoftSync.BuildingBlocks.MailServers;

namespace NavusoftSync.Synchronization.Push.Idle;

/// <summary>
/// The host's IDLE connections: at most <see cref="ImapIdleOptions.Connections"/> watchers (<see cref="ImapIdleWatcher"/>),
/// one per imap link this host holds the lease of (<see cref="ImapIdleLeases"/>). Every <see cref="ImapIdleOptions.Cycle"/>
/// it renews its leases (dropping the watchers of leases lost or of links no longer active: unlinked, ReauthRequired),
/// settles watchers that stopped on their own, claims free links up to the bound, and confirms the push status of the
/// links it watches. At shutdown it stops its watchers, sets their links' push Off and releases their leases, so another
/// host takes them over at once; a host that dies leaves leases that expire.
/// </summary>
internal sealed partial class ImapIdlePool(
    ImapIdleLeases leases, IOptions<ImapIdleOptions> options, IdleCredentialSource credentials, ImapConnections connections, IdleStatus status,
    ILoggerFactory loggers, ILogger<ImapIdlePool> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<IdleLink, ImapIdleWatcher> _watchers = new();
    private bool _tableReady;

    /// <summary>This pool's name in the leases: unique per host process and per pool.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.CreateVersion7():N}";

    /// <summary>The links watched now (a watcher that stopped on its own stays until the next cycle settles it).</summary>
    public IReadOnlyDictionary<IdleLink, ImapIdleWatcher> Watchers => _watchers;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsOn)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Cycle);
        do
        {
            try
            {
                await CycleAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogCycleFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var link in _watchers.Keys.ToList())
        {
            try
            {
                await StopWatchingAsync(link);
                await status.StoppedAsync(link, cancellationToken);
                await leases.ReleaseAsync(Holder, link, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCycleFailed(logger, e); // its lease expires on its own
            }
        }
    }

    private async Task CycleAsync(CancellationToken cancellationToken)
    {
        if (!_tableReady)
        {
            await leases.EnsureTableAsync(cancellationToken);
            _tableReady = true;
        }

        await SettleEndedAsync(cancellationToken);
        var (held, inactive) = await leases.RenewAsync(Holder, options.Value.Lease, cancellationToken);
        foreach (var lost in _watchers.Keys.Where(l => !held.Contains(l)).ToList())
        {
            await StopWatchingAsync(lost);
            if (inactive.Contains(lost))
            {
                await status.StoppedAsync(lost, cancellationToken); // a lease lost to another host leaves the status to it
            }
        }

        await ClaimAsync(cancellationToken);
        foreach (var watcher in _watchers.Values.Where(w => w.Idling).ToList())
        {
            await status.WatchingAsync(watcher.Link, cancellationToken);
        }
    }

    private async Task ClaimAsync(CancellationToken cancellationToken)
    {
        var free = options.Value.Connections - _watchers.Count;
        if (free <= 0)
        {
            return;
        }

        foreach (var link in await leases.ClaimableAsync(free, cancellationToken))
        {
            if (_watchers.Count >= options.Value.Connections)
            {
                return;
            }

            if (!_watchers.ContainsKey(link) && await leases.ClaimAsync(Holder, link, options.Value.Lease, cancellationToken))
            {
                var watcher = new ImapIdleWatcher(link, credentials, connections, status, loggers.CreateLogger<ImapIdleWatcher>());
                _watchers[link] = watcher;
                watcher.Start();
            }
        }
    }

    /// <summary>Watchers that stopped on their own: their links rest (push Off) for as long as the reason says; a watcher that failed gives its lease up.</summary>
    private async Task SettleEndedAsync(CancellationToken cancellationToken)
    {
        foreach (var (link, watcher) in _watchers.Where(w => w.Value.Completion.IsCompleted).ToList())
        {
            var end = watcher.Completion.IsCompletedSuccessfully ? watcher.Completion.Result : null;
            if (RestOf(end) is { } rest)
            {
                await status.StoppedAsync(link, cancellationToken);
                await leases.RestAsync(Holder, link, rest, cancellationToken);
            }
            else
            {
                await leases.ReleaseAsync(Holder, link, cancellationToken);
            }

            await StopWatchingAsync(link); // last: while it is listed, its lease and status are still being settled
        }
    }

    private static TimeSpan? RestOf(IdleEnd? end) => end switch
    {
        IdleEnd.Refused => ImapIdleOptions.RestAfterRefusal,
        IdleEnd.Unwatchable => ImapIdleOptions.RestWithoutIdle,
        IdleEnd.Gone => ImapIdleOptions.RestWhenGone,
        _ => null,
    };

    private async Task StopWatchingAsync(IdleLink link)
    {
        if (_watchers.TryRemove(link, out var watcher))
        {
            await watcher.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The IMAP IDLE pool's cycle failed; it tries again at the next")]
    private static partial void LogCycleFailed(ILogger logger, Exception exception);
}
