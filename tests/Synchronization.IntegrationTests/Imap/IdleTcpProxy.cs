using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace NavusoftSync.Synchronization.IntegrationTests.Imap;

/// <summary>
/// A loopback TCP proxy in front of the real IMAP server that misbehaves on demand: <see cref="DropAll"/> closes every
/// connection it carries (as a server restart or a NAT timeout does) and, while <see cref="Refusing"/>, it closes new
/// connections at once. Bytes pass through untouched (TLS is end to end).
/// </summary>
internal sealed class IdleTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<int, (TcpClient Client, TcpClient Server)> _pairs = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _targetHost;
    private readonly int _targetPort;
    private Task _accepting = Task.CompletedTask;
    private int _next;
    private int _accepted;

    private IdleTcpProxy(string targetHost, int targetPort) => (_targetHost, _targetPort) = (targetHost, targetPort);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far (refused ones included).</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Connections open now.</summary>
    public int Open => _pairs.Count;

    public bool Refusing { get; set; }

    public static IdleTcpProxy Start(string targetHost, int targetPort)
    {
        var proxy = new IdleTcpProxy(targetHost, targetPort);
        proxy._listener.Start();
        proxy._accepting = proxy.AcceptAsync(proxy._stop.Token);
        return proxy;
    }

    public void DropAll()
    {
        foreach (var key in _pairs.Keys)
        {
            if (_pairs.TryRemove(key, out var pair))
            {
                pair.Client.Client.LingerState = new LingerOption(true, 0); // a reset, not a polite close
                pair.Client.Dispose();
                pair.Server.Dispose();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropAll();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopped
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(cancellationToken);
            Interlocked.Increment(ref _accepted);
            if (Refusing)
            {
                client.Dispose();
                continue;
            }

            _ = PipeAsync(client, cancellationToken);
        }
    }

    private async Task PipeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var server = new TcpClient();
        var key = Interlocked.Increment(ref _next);
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, cancellationToken);
            _pairs[key] = (client, server);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(
                client.GetStream().CopyToAsync(server.GetStream(), either.Token),
                server.GetStream().CopyToAsync(client.GetStream(), either.Token));
            await either.CancelAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // one side went away
        }
        finally
        {
            _pairs.TryRemove(key, out _);
            client.Dispose();
            server.Dispose();
        }
    }
}
