using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Hotline.Testing;

/// <summary>
/// A loopback TCP proxy in front of an Azurite's table and queue ports, for fault tests: storage that goes away and
/// comes back while the app runs. It passes bytes through; <see cref="Refuse"/> resets every open connection and each
/// new one (the client sees "connection reset"); <see cref="Stall"/> accepts connections and forwards nothing either
/// way (the client sees no answer); <see cref="Restore"/> passes again. Bytes that arrive during a stall are never
/// forwarded: the connection they came on is reset when the stall ends, so nothing reaches Azurite late, after its
/// client gave up on it. The blob endpoint goes to Azurite directly (the app uses none).
/// </summary>
public sealed class StorageProxy : IAsyncDisposable
{
    private const int Passing = 0;
    private const int Refusing = 1;
    private const int Stalling = 2;

    private readonly AzuriteInstance _azurite;
    private readonly TcpListener _tables = new(IPAddress.Loopback, 0);
    private readonly TcpListener _queues = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Every open client connection, with its connection to Azurite once made.</summary>
    private readonly ConcurrentDictionary<Socket, Socket?> _connections = new();
    private readonly Lock _modeLock = new();
    private readonly List<Task> _acceptLoops = [];
    private int _mode = Passing;
    private int _resets;

    /// <summary>Completed (and replaced) at every change of mode, so a stalled pump wakes to drop its connection.</summary>
    private TaskCompletionSource _modeChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private StorageProxy(AzuriteInstance azurite) => _azurite = azurite;

    public int TablePort => ((IPEndPoint)_tables.LocalEndpoint).Port;

    public int QueuePort => ((IPEndPoint)_queues.LocalEndpoint).Port;

    /// <summary>Azurite's account, its table and queue endpoints on this proxy.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteInstance.AccountName};AccountKey={AzuriteInstance.AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{_azurite.BlobPort.ToString(CultureInfo.InvariantCulture)}/{AzuriteInstance.AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort.ToString(CultureInfo.InvariantCulture)}/{AzuriteInstance.AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort.ToString(CultureInfo.InvariantCulture)}/{AzuriteInstance.AccountName};";

    /// <summary>Connections reset by <see cref="Refuse"/>, at a stall's end, or on arrival while refusing.</summary>
    public int ResetConnections => Volatile.Read(ref _resets);

    /// <summary>Listens on two free loopback ports, passing to <paramref name="azurite"/>'s table and queue ports.</summary>
    public static StorageProxy Start(AzuriteInstance azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var proxy = new StorageProxy(azurite);
        proxy._tables.Start();
        proxy._queues.Start();
        proxy._acceptLoops.Add(Task.Run(() => proxy.AcceptAsync(proxy._tables, azurite.TablePort)));
        proxy._acceptLoops.Add(Task.Run(() => proxy.AcceptAsync(proxy._queues, azurite.QueuePort)));
        return proxy;
    }

    /// <summary>Resets every open connection, and from now on each new one as it arrives.</summary>
    public void Refuse() => Switch(Refusing);

    /// <summary>From now on forwards nothing: open connections stop at their next bytes, new ones are accepted and left waiting.</summary>
    public void Stall() => Switch(Stalling);

    /// <summary>Passes again; the connections a stall held are reset (their bytes were never forwarded).</summary>
    public void Restore() => Switch(Passing);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _tables.Stop();
        _queues.Stop();
        await Task.WhenAll(_acceptLoops);
        foreach (var client in _connections.Keys)
        {
            Drop(client, reset: true);
        }

        _stop.Dispose();
    }

    private void Switch(int mode)
    {
        TaskCompletionSource changed;
        int before;
        lock (_modeLock)
        {
            before = _mode;
            Volatile.Write(ref _mode, mode);
            changed = _modeChanged;
            _modeChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        // After the new mode is visible: a connection registered from now on sees it, one registered before is here.
        if (mode == Refusing || before == Stalling)
        {
            foreach (var client in _connections.Keys)
            {
                Drop(client, reset: true);
            }
        }

        changed.TrySetResult();
    }

    private (int Mode, Task Changed) Current()
    {
        lock (_modeLock)
        {
            return (_mode, _modeChanged.Task);
        }
    }

    private async Task AcceptAsync(TcpListener listener, int upstreamPort)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client, upstreamPort));
        }
    }

    private async Task ServeAsync(Socket client, int upstreamPort)
    {
        client.NoDelay = true;
        _connections[client] = null;
        var mode = Current().Mode;
        if (mode == Refusing)
        {
            Drop(client, reset: true);
            return;
        }

        if (mode == Stalling)
        {
            // Accepted, never read: the client's request waits in the socket until the stall ends and resets it.
            return;
        }

        var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort, _stop.Token);
            if (!_connections.TryUpdate(client, upstream, null))
            {
                // Reset while connecting.
                upstream.Dispose();
                return;
            }

            await Task.WhenAny(PumpAsync(client, upstream), PumpAsync(upstream, client));
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            upstream.Dispose();
        }
        finally
        {
            // Either side closed or failed: an HTTP connection is no use half open.
            Drop(client, reset: false);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0 || !await MayForwardAsync())
                {
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Reset by a mode change or by either end: the connection is dropped.
        }
    }

    /// <summary>Whether bytes just read may go on; during a stall it waits for the stall to end, and then they may not.</summary>
    private async Task<bool> MayForwardAsync()
    {
        var (mode, changed) = Current();
        if (mode == Stalling)
        {
            await changed.WaitAsync(_stop.Token);
            return false;
        }

        return mode == Passing;
    }

    private void Drop(Socket client, bool reset)
    {
        if (!_connections.TryRemove(client, out var upstream))
        {
            return;
        }

        if (reset)
        {
            // Linger 0: close with RST, as a storage front end that drops connections does; a client sees "reset", not a clean end.
            Interlocked.Increment(ref _resets);
            try
            {
                client.LingerState = new LingerOption(true, 0);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Already gone.
            }
        }

        client.Dispose();
        upstream?.Dispose();
    }
}
