using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Logging;
using NavusoftSync.BuildingBlocks.MailServers;

namespace NavusoftSync.Synchronization.Push.Idle;

/// <summary>Why a watcher stopped on its own (a watcher stopped by the pool has none).</summary>
internal enum IdleEnd
{
    /// <summary>The Linking module has no credentials for the link any more (needs linking again, or unlinked).</summary>
    Gone,

    /// <summary>The server refused the login: the link's next run marks it ReauthRequired.</summary>
    Refused,

    /// <summary>The server cannot be watched: no IDLE capability, or not allowed (private address, no TLS).</summary>
    Unwatchable,
}

/// <summary>
/// Watches one link's INBOX over one IMAP connection with IDLE, until stopped or until it can no longer (see
/// <see cref="IdleEnd"/>). Each IDLE command is renewed within <see cref="ImapIdleOptions.IdleRenewal"/>. A change the
/// server announces (new, expunged or changed messages) ends the IDLE command, wakes the link's run
/// (<see cref="IdleStatus.WakeAsync"/>) and idles again; events arriving together wake once. A dropped connection is
/// opened again after <see cref="IdleBackoff"/>; when the inbox differs from what the previous connection saw (new
/// UIDs, another count or mod-sequence), the link is woken, since the changes of the gap were not announced.
/// </summary>
internal sealed partial class ImapIdleWatcher(
    IdleLink link, IdleCredentialSource credentials, ImapConnections connections, IdleStatus status, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(100);
    private readonly CancellationTokenSource _stop = new();
    private Task<IdleEnd?>? _run;
    private CancellationTokenSource? _done;
    private int _changed;
    private int _failures;
    private InboxState? _seen;

    public IdleLink Link => link;

    /// <summary>Whether an IDLE command is running or about to (the connection is open and INBOX selected).</summary>
    public bool Idling { get; private set; }

    /// <summary>How many connections were opened and reached IDLE.</summary>
    public int Sessions { get; private set; }

    /// <summary>The watcher's work: ends with why it stopped on its own, or null when stopped.</summary>
    public Task<IdleEnd?> Completion => _run ?? Task.FromResult<IdleEnd?>(null);

    public void Start() => _run = Task.Run(() => RunAsync(_stop.Token));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Completion;
        }
        finally
        {
            _stop.Dispose();
        }
    }

    private async Task<IdleEnd?> RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await ConnectAndIdleAsync(cancellationToken) is { } end)
                {
                    return end;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception e)
            {
                Idling = false;
                LogDropped(logger, link.LinkId, e.GetType().Name, _failures + 1);
            }

            if (!await WaitToReconnectAsync(cancellationToken))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>One connection: credentials, login, INBOX, then IDLE rounds until it fails. Answers an end, or throws.</summary>
    private async Task<IdleEnd?> ConnectAndIdleAsync(CancellationToken cancellationToken)
    {
        var granted = await credentials.GetAsync(link, cancellationToken);
        if (granted.Outcome == IdleCredentialOutcome.Gone)
        {
            return IdleEnd.Gone;
        }

        if (granted.Servers is not { } servers)
        {
            throw new MailServerException(MailServerFailure.Unavailable, "The link's credentials could not be read now.");
        }

        var (client, end) = await OpenAsync(servers.Imap, cancellationToken);
        if (client is null)
        {
            return end;
        }

        using (client)
        {
            await IdleAsync(client, cancellationToken);
        }

        return null;
    }

    private async Task<(ImapClient? Client, IdleEnd? End)> OpenAsync(ImapServer server, CancellationToken cancellationToken)
    {
        try
        {
            var client = await connections.OpenAsync(server, cancellationToken);
            if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
            {
                LogNoIdle(logger, link.LinkId);
                await client.DisconnectAsync(true, cancellationToken);
                client.Dispose();
                return (null, IdleEnd.Unwatchable);
            }

            return (client, null);
        }
        catch (MailServerException e) when (e.Failure is MailServerFailure.LoginRefused or MailServerFailure.NotAllowed)
        {
            LogRefused(logger, link.LinkId, e.Failure);
            return (null, e.Failure == MailServerFailure.LoginRefused ? IdleEnd.Refused : IdleEnd.Unwatchable);
        }
    }

    private async Task IdleAsync(ImapClient client, CancellationToken cancellationToken)
    {
        var inbox = client.Inbox;
        inbox.CountChanged += OnChanged;
        inbox.MessageExpunged += OnChanged;
        inbox.MessagesVanished += OnChanged;
        inbox.MessageFlagsChanged += OnChanged;
        await inbox.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
        await OpenedAsync(InboxState.Of(inbox), cancellationToken);
        while (true)
        {
            using (var done = new CancellationTokenSource(IdleRound))
            {
                Volatile.Write(ref _done, done);
                await client.IdleAsync(done.Token, cancellationToken);
                Volatile.Write(ref _done, null);
            }

            if (Interlocked.Exchange(ref _changed, 0) == 1)
            {
                await status.WakeAsync(link, cancellationToken);
            }
        }
    }

    /// <summary>
    /// How long one IDLE command runs: <see cref="ImapIdleOptions.IdleRenewal"/>, or half the command timeout when that is
    /// shorter, so a connection that went silent (a peer gone without a word) fails within the timeout and is opened again.
    /// </summary>
    private TimeSpan IdleRound =>
        TimeSpan.FromSeconds(Math.Min(ImapIdleOptions.IdleRenewal.TotalSeconds, Math.Max(5, connections.Options.CommandTimeoutSeconds / 2.0)));

    /// <summary>The connection is watching: Active, failures forgotten, and a wake-up when the inbox changed while no connection watched it.</summary>
    private async Task OpenedAsync(InboxState state, CancellationToken cancellationToken)
    {
        var before = _seen;
        (_seen, _failures, Idling) = (state, 0, true);
        Sessions++;
        Interlocked.Exchange(ref _changed, 0);
        await status.WatchingAsync(link, cancellationToken);
        if (before is not null && before != state)
        {
            await status.WakeAsync(link, cancellationToken);
        }
    }

    /// <summary>Called by MailKit while it reads the server's answers: marks the change and ends the IDLE command shortly (events of one burst end it once).</summary>
    private void OnChanged(object? sender, EventArgs e)
    {
        Interlocked.Exchange(ref _changed, 1);
        try
        {
            Volatile.Read(ref _done)?.CancelAfter(Debounce);
        }
        catch (ObjectDisposedException)
        {
            // the IDLE round ended meanwhile; the next one wakes the link
        }
    }

    private async Task<bool> WaitToReconnectAsync(CancellationToken cancellationToken)
    {
        _failures++;
        try
        {
            await status.ReconnectingAsync(link, cancellationToken);
            await Task.Delay(IdleBackoff.Delay(_failures, Random.Shared.NextDouble()), cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e)
        {
            LogDropped(logger, link.LinkId, e.GetType().Name, _failures);
            return !cancellationToken.IsCancellationRequested;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Link {LinkId}: the IMAP IDLE connection failed ({Error}, {Failures} in a row); reconnecting after a pause")]
    private static partial void LogDropped(ILogger logger, string linkId, string error, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Link {LinkId}: the IMAP server does not offer IDLE; the link is polled")]
    private static partial void LogNoIdle(ILogger logger, string linkId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Link {LinkId}: the IMAP server could not be watched ({Failure}); the link is polled")]
    private static partial void LogRefused(ILogger logger, string linkId, MailServerFailure failure);
}

/// <summary>What a connection saw of INBOX when it opened it: a later connection that sees otherwise missed changes.</summary>
internal sealed record InboxState(uint UidValidity, uint? UidNext, int Count, ulong HighestModSeq)
{
    public static InboxState Of(IMailFolder inbox) => new(inbox.UidValidity, inbox.UidNext?.Id, inbox.Count, inbox.HighestModSeq);
}
