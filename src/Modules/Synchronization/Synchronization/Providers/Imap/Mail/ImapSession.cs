using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Logging;
using NavusoftSync.BuildingBlocks.MailServers;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Imap.Mail;

/// <summary>
/// One read's IMAP connection. <see cref="RunAsync{T}"/> runs a unit of work (a folder's plan, a page's fetch) on it; when the
/// connection fails or drops the unit runs again on a fresh one, at most <see cref="ProviderReadingOptions.MaxAttempts"/> times
/// in all, then <see cref="ProviderUnavailableException"/>. A refused login goes to <see cref="PasswordAccess.RefusedAsync"/>.
/// Folders are opened read-only (EXAMINE), so nothing a read does marks mail as seen.
/// </summary>
internal sealed partial class ImapSession(
    ImapConnections connections, PasswordAccess password, MailboxAccess access, ImapMailSettings settings, ILogger logger) : IDisposable
{
    private readonly Dictionary<string, IMailFolder> _folders = new(StringComparer.Ordinal);
    private ImapClient? _client;

    public ImapServer Server => password.Servers.Imap;

    public async Task<T> RunAsync<T>(Func<ImapClient, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            MailServerException failure;
            try
            {
                _client ??= await OpenAsync(cancellationToken);
                return await work(_client);
            }
            catch (Exception e) when (Classify(e, cancellationToken) is { } classified)
            {
                failure = classified;
            }

            Drop();
            if (failure.Failure == MailServerFailure.LoginRefused)
            {
                throw await password.RefusedAsync(access, failure, cancellationToken);
            }

            if (failure.Failure is MailServerFailure.NotAllowed or MailServerFailure.Tls || attempt >= settings.Reading.MaxAttempts)
            {
                throw new ProviderUnavailableException(failure.Message, failure);
            }

            LogRetry(logger, access.LinkId, attempt, failure.Failure);
            await Task.Delay(RetryDelays.Backoff(settings.Reading, attempt), settings.Clock, cancellationToken);
        }
    }

    /// <summary>The folder at <paramref name="path"/> on this connection, opened read-only (once per connection).</summary>
    public async Task<IMailFolder> OpenFolderAsync(ImapClient client, string path, CancellationToken cancellationToken)
    {
        if (!_folders.TryGetValue(path, out var folder))
        {
            folder = string.Equals(path, client.Inbox.FullName, StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(path, cancellationToken);
            _folders[path] = folder;
        }

        if (!folder.IsOpen)
        {
            await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
        }

        return folder;
    }

    public void Dispose() => Drop();

    private async Task<ImapClient> OpenAsync(CancellationToken cancellationToken)
    {
        var client = await connections.OpenAsync(Server, cancellationToken);
        try
        {
            settings.ConnectionOpened(client);
            if (client.Capabilities.HasFlag(ImapCapabilities.QuickResync))
            {
                await client.EnableQuickResyncAsync(cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private void Drop()
    {
        _folders.Clear();
        _client?.Dispose();
        _client = null;
    }

    /// <summary>A failure of the server or the connection as a <see cref="MailServerException"/>; null for what is not one (the caller's cancellation, a bug).</summary>
    private MailServerException? Classify(Exception e, CancellationToken cancellationToken) => e switch
    {
        MailServerException server => server,
        ServiceNotConnectedException => new MailServerException(MailServerFailure.Unavailable, $"The connection to {Server.Host}:{Server.Port} was closed.", e),
        _ => ImapConnections.Failure(e, Server, cancellationToken),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "IMAP read of link {LinkId}: attempt {Attempt} failed ({Failure}); trying again on a new connection")]
    private static partial void LogRetry(ILogger logger, string linkId, int attempt, MailServerFailure failure);
}

/// <summary>What a read's sessions share: the reading options, the clock for retry waits, and a hook run on each new connection.</summary>
internal sealed record ImapMailSettings(ProviderReadingOptions Reading, TimeProvider Clock, Action<ImapClient> ConnectionOpened);
