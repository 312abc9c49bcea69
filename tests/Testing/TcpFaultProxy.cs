using System.Net;
using System.Net.Sockets;

namespace NavusoftSync.Testing;

/// <summary>
/// A loopback TCP proxy to a target (a real IMAP or CalDAV server) that misbehaves on demand: it cuts connections after a
/// number of bytes from the target (<see cref="CutAfter"/>: a drop mid-answer, such as mid-FETCH) or at once
/// (<see cref="DropAll"/>). TLS passes through untouched, so the client still checks the target's certificate; connect to
/// <c>localhost</c> (or <c>127.0.0.1</c>) on <see cref="Port"/>.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(Socket Client, Socket Target)> _open = [];
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly Task _accepting;
    private long _cutAfterBytes = -1;
    private int _cutsLeft;
    private int _connections;
    private int _cuts;
    private long _bytesFromTarget;

    private TcpFaultProxy(string targetHost, int targetPort)
    {
        (_targetHost, _targetPort) = (targetHost, targetPort);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Connections cut so far (by <see cref="CutAfter"/> or <see cref="DropAll"/>).</summary>
    public int Cuts => Volatile.Read(ref _cuts);

    /// <summary>Bytes the target sent through the proxy so far, on every connection.</summary>
    public long BytesFromTarget => Interlocked.Read(ref _bytesFromTarget);

    /// <summary>Connections open now.</summary>
    public int Open
    {
        get
        {
            lock (_open)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>While true, new connections are closed at once (a server that is down); open ones are left alone.</summary>
    public bool Refusing { get; set; }

    public static TcpFaultProxy Start(string targetHost, int targetPort) => new(targetHost, targetPort);

    /// <summary>
    /// The next <paramref name="connections"/> connections (all later ones when omitted) are cut once the target has sent
    /// <paramref name="bytes"/> bytes on each; connections after them pass untouched.
    /// </summary>
    public void CutAfter(long bytes, int connections = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Volatile.Write(ref _cutsLeft, connections);
        Interlocked.Exchange(ref _cutAfterBytes, bytes);
    }

    /// <summary>No more cuts: later connections pass untouched.</summary>
    public void Heal() => Interlocked.Exchange(ref _cutAfterBytes, -1);

    /// <summary>Cuts every open connection now (a reset, as when a server or a network drops).</summary>
    public void DropAll()
    {
        lock (_open)
        {
            foreach (var (client, target) in _open)
            {
                Interlocked.Increment(ref _cuts);
                Cut(client, target);
            }

            _open.Clear();
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
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            if (Refusing)
            {
                client.Close(0);
                continue;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var target = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await target.ConnectAsync(_targetHost, _targetPort, _stop.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            Cut(client, target);
            return;
        }

        var limit = TakeLimit();
        lock (_open)
        {
            _open.Add((client, target));
        }

        await Task.WhenAll(PumpAsync(client, target, -1, counted: false), PumpAsync(target, client, limit, counted: true));
        lock (_open)
        {
            _open.Remove((client, target));
        }

        Cut(client, target);
    }

    /// <summary>The byte limit of a new connection: the cut's, while connections to cut are left; else none (-1).</summary>
    private long TakeLimit()
    {
        var bytes = Interlocked.Read(ref _cutAfterBytes);
        if (bytes < 0)
        {
            return -1;
        }

        return Interlocked.Decrement(ref _cutsLeft) >= 0 ? bytes : -1;
    }

    /// <summary>Copies from one socket to the other until either ends; with a limit, cuts both once it is reached.</summary>
    private async Task PumpAsync(Socket from, Socket to, long limit, bool counted)
    {
        var buffer = new byte[16 * 1024];
        long passed = 0;
        try
        {
            while (true)
            {
                var room = limit < 0 ? buffer.Length : (int)Math.Min(buffer.Length, limit - passed);
                if (room <= 0)
                {
                    Interlocked.Increment(ref _cuts);
                    Cut(from, to);
                    return;
                }

                var read = await from.ReceiveAsync(buffer.AsMemory(0, room), SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
                passed += read;
                if (counted)
                {
                    Interlocked.Add(ref _bytesFromTarget, read);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Cut(from, to);
        }
    }

    private static void Cut(Socket a, Socket b)
    {
        foreach (var socket in new[] { a, b })
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0); // a reset, not an orderly close
                socket.Close();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
