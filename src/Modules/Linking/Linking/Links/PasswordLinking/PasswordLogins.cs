using Microsoft.Extensions.Logging;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.BuildingBlocks.MailServers;

namespace NavusoftSync.Linking.Links.PasswordLinking;

/// <summary>
/// Tries a password link's logins before anything is stored: IMAP (<see cref="ImapConnections"/>), then CalDAV discovery
/// (<see cref="CalDavDiscovery"/>), which yields the calendar home. A failure is a rule violation of the field <c>imap</c> or
/// <c>caldav</c> carrying the <see cref="MailServerException"/>'s sentence (it names the server, never the password); anything
/// unexpected from a server is such a violation too, never a 500. Logs name the server and the kind of failure only.
/// </summary>
internal sealed partial class PasswordLogins(ImapConnections imap, CalDavDiscovery calDav, ILogger<PasswordLogins> logger)
{
    public async Task<MailboxServers> TryAsync(MailboxServers servers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(servers);
        await TryImapAsync(servers.Imap, cancellationToken);
        if (servers.CalDav is not { } dav)
        {
            return servers;
        }

        var home = await DiscoverAsync(dav, cancellationToken);
        return servers with { CalDav = dav with { CalendarHomeUrl = home.AbsoluteUri } };
    }

    private async Task TryImapAsync(ImapServer server, CancellationToken cancellationToken)
    {
        try
        {
            using var client = await imap.OpenAsync(server, cancellationToken);
            await LogOutAsync(client, cancellationToken);
        }
        catch (Exception e) when (Refusal(e, $"The server {server.Host}:{server.Port} could not be used as an IMAP server.", cancellationToken) is { } sentence)
        {
            LogRefused(logger, "IMAP", $"{server.Host}:{server.Port}", (e as MailServerException)?.Failure.ToString() ?? e.GetType().Name);
            throw DomainException.RuleViolated("imap", sentence);
        }
    }

    private async Task<Uri> DiscoverAsync(CalDavServer server, CancellationToken cancellationToken)
    {
        try
        {
            return await calDav.DiscoverAsync(server.Url, server.Username, server.Password, cancellationToken);
        }
        catch (Exception e) when (Refusal(e, "The CalDAV address could not be used as a CalDAV server.", cancellationToken) is { } sentence)
        {
            LogRefused(logger, "CalDAV", Uri.TryCreate(server.Url, UriKind.Absolute, out var url) ? url.GetLeftPart(UriPartial.Authority) : "(invalid URL)",
                (e as MailServerException)?.Failure.ToString() ?? e.GetType().Name);
            throw DomainException.RuleViolated("caldav", sentence);
        }
    }

    /// <summary>The sentence for the user: the server's own for a <see cref="MailServerException"/>, <paramref name="otherwise"/> for anything else; null for the caller's cancellation.</summary>
    private static string? Refusal(Exception e, string otherwise, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        MailServerException server => server.Message,
        _ => otherwise,
    };

    /// <summary>A polite LOGOUT; the login already succeeded, so a failure here changes nothing.</summary>
    private static async Task LogOutAsync(MailKit.Net.Imap.ImapClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // the connection is disposed by the caller either way
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A password link's {Protocol} login at {Server} failed: {Failure}")]
    private static partial void LogRefused(ILogger logger, string protocol, string server, string failure);
}
