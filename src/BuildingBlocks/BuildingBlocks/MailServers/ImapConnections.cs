using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace NavusoftSync.BuildingBlocks.MailServers;

/// <summary>
/// Opens logged-in IMAP connections (MailKit) for linking and syncing alike: the socket to a vetted address
/// (<see cref="ServerAddresses"/>), TLS checked by <see cref="MailServerTls"/>, a command timeout, and every failure as a
/// <see cref="MailServerException"/> whose kind says what failed. The caller owns (and disconnects) the client.
/// </summary>
public sealed class ImapConnections(IOptions<MailServerOptions> options, MailServerTls tls)
{
    public MailServerOptions Options => options.Value;

    public async Task<ImapClient> OpenAsync(ImapServer server, CancellationToken cancellationToken, IProtocolLogger? protocolLog = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var settings = options.Value;
        if (server.Security == MailSecurity.None && !settings.AllowInsecureServers)
        {
            throw new MailServerException(MailServerFailure.NotAllowed, $"The server {server.Host}:{server.Port} must be reached with TLS (ssl or starttls).");
        }

        var client = protocolLog is null ? new ImapClient() : new ImapClient(protocolLog);
        client.ServerCertificateValidationCallback = tls.Validate;
        client.Timeout = settings.CommandTimeoutSeconds * 1000;
        try
        {
            var socket = await ServerAddresses.ConnectAsync(server.Host, server.Port, settings, cancellationToken);
            try
            {
                using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                connect.CancelAfter(TimeSpan.FromSeconds(settings.ConnectTimeoutSeconds));
                await client.ConnectAsync(socket, server.Host, server.Port, SocketOptions(server.Security), connect.Token);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            await client.AuthenticateAsync(server.Username, server.Password, cancellationToken);
            return client;
        }
        catch (Exception e) when (Failure(e, server, cancellationToken) is { } failure)
        {
            client.Dispose();
            throw failure;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>An exception of MailKit or the network as a <see cref="MailServerException"/>; null for cancellation by the caller and for ours.</summary>
    public static MailServerException? Failure(Exception e, ImapServer server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(server);
        var where = $"{server.Host}:{server.Port}";
        return e switch
        {
            MailServerException => null,
            OperationCanceledException when cancellationToken.IsCancellationRequested => null,
            AuthenticationException => new(MailServerFailure.LoginRefused, $"The IMAP server {where} refused the user name or app password.", e),
            SslHandshakeException => new(MailServerFailure.Tls, $"The TLS connection to {where} failed: the server's certificate is not trusted for {server.Host}, or it does not speak TLS on this port.", e),
            NotSupportedException when server.Security == MailSecurity.StartTls => new(MailServerFailure.Tls, $"The IMAP server {where} does not offer STARTTLS.", e),
            NotSupportedException => new(MailServerFailure.NotSupported, $"The server {where} does not support what an IMAP login needs.", e),
            ImapProtocolException or ProtocolException => new(MailServerFailure.NotSupported, $"The server {where} did not answer as an IMAP server.", e),
            ImapCommandException => new(MailServerFailure.Unavailable, $"The IMAP server {where} refused a command; try again later.", e),
            OperationCanceledException or TimeoutException => new(MailServerFailure.Unavailable, $"The IMAP server {where} did not answer in time.", e),
            SocketException or IOException => new(MailServerFailure.Unreachable, $"The connection to {where} failed or was dropped.", e),
            _ => null,
        };
    }

    private static SecureSocketOptions SocketOptions(MailSecurity security) => security switch
    {
        MailSecurity.Ssl => SecureSocketOptions.SslOnConnect,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };
}
