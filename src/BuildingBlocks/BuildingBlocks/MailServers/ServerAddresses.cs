using System.Net;
using System.Net.Sockets;

namespace NavusoftSync.BuildingBlocks.MailServers;

/// <summary>
/// Resolves a mail server's host name and keeps only the addresses it may reach: public ones, or any when
/// <see cref="MailServerOptions.AllowPrivateServers"/> is on. The socket is then connected to a vetted address, so a name
/// that resolves differently a moment later (DNS rebinding) cannot reach what the check refused.
/// </summary>
public static class ServerAddresses
{
    /// <summary>A socket connected to the first reachable vetted address of <paramref name="host"/>, within the connect timeout.</summary>
    public static async Task<Socket> ConnectAsync(string host, int port, MailServerOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.ConnectTimeoutSeconds));
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or ArgumentException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new MailServerException(MailServerFailure.Unreachable, $"The server {host} could not be found (DNS).", e);
        }

        var allowed = addresses.Where(a => options.AllowPrivateServers || IsPublic(a)).ToList();
        if (allowed.Count == 0)
        {
            throw addresses.Length == 0
                ? new MailServerException(MailServerFailure.Unreachable, $"The server {host} could not be found (DNS).")
                : new MailServerException(MailServerFailure.NotAllowed, $"The server {host} is on a private or local network, which this service may not reach.");
        }

        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
                return socket;
            }
            catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                socket.Dispose();
                last = e;
                if (timeout.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        throw new MailServerException(MailServerFailure.Unreachable, $"The server {host} did not accept a connection on port {port}.", last);
    }

    /// <summary>Whether an address is a public unicast one (not loopback, private, link-local, CGNAT, unique-local, multicast or unspecified).</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 10 || b[0] == 0 || b[0] >= 224
                || (b[0] == 172 && b[1] is >= 16 and <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && b[1] is >= 64 and <= 127)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && b[1] is 18 or 19));
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC);
        }

        return false;
    }
}
