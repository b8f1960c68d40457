using System.Diagnostics;
using System.Globalization;
using Hotline.LocalHost.Processes;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.Storage;

/// <summary>
/// Azurite from the repository's node_modules (installed with <c>npm ci</c> when missing), on 127.0.0.1 with disk
/// persistence: the storage the local host and the handler share when AzureWebJobsStorage is not configured.
/// https://github.com/Azure/Azurite#command-line-options
/// </summary>
internal sealed partial class AzuriteServer : IAsyncDisposable
{
    private const string AccountName = "devstoreaccount1";

    // Azurite's well-known development key (public, documented; not a secret).
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly int[] DefaultPorts = [10000, 10001, 10002];

    private readonly ChildProcess process;
    private readonly FileStream? dataLock;

    private AzuriteServer(ChildProcess process, FileStream? dataLock, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        this.dataLock = dataLock;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public Task<int> Exited => process.Exited;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>True when something already answers on the emulator's default ports (UseDevelopmentStorage=true points there).</summary>
    public static async Task<bool> DefaultPortsInUseAsync(CancellationToken cancellationToken)
    {
        foreach (int port in DefaultPorts)
        {
            if (!await TcpPorts.AcceptsConnectionsAsync(port, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    public static async Task<AzuriteServer> StartAsync(string repositoryRoot, string dataDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logger);
        string executable = await EnsureInstalledAsync(repositoryRoot, logger, cancellationToken);

        // Two Azurite processes on one data folder overwrite each other's databases: a second local host
        // running from the same checkout gets a folder of its own.
        Directory.CreateDirectory(dataDirectory);
        FileStream? dataLock = TryLock(dataDirectory);
        if (dataLock is null)
        {
            dataDirectory = Path.Combine(dataDirectory, "instance-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(dataDirectory);
            Log.DataFolderInUse(logger, dataDirectory);
        }

        int[] ports = [.. DefaultPorts.Select(port => TcpPorts.IsFree(port) ? port : TcpPorts.FindFree())];
        var startInfo = new ProcessStartInfo(executable)
        {
            WorkingDirectory = repositoryRoot,
        };
        foreach (string argument in new[]
        {
            "--location", dataDirectory,
            "--blobHost", "127.0.0.1", "--blobPort", Text(ports[0]),
            "--queueHost", "127.0.0.1", "--queuePort", Text(ports[1]),
            "--tableHost", "127.0.0.1", "--tablePort", Text(ports[2]),
            "--silent", "--disableTelemetry", "--skipApiVersionCheck",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        ChildProcess process = ChildProcess.Start(
            startInfo,
            line => Log.Output(logger, line),
            line =>
            {
                errors.Enqueue(line);
                Log.Error(logger, line);
            });
        var server = new AzuriteServer(process, dataLock, ports[0], ports[1], ports[2]);
        try
        {
            await server.WaitUntilListeningAsync(errors, cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        Log.Started(logger, ports[0], ports[1], ports[2], dataDirectory);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        if (dataLock is not null)
        {
            await dataLock.DisposeAsync();
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static FileStream? TryLock(string directory)
    {
        try
        {
            return new FileStream(Path.Combine(directory, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task<string> EnsureInstalledAsync(string repositoryRoot, ILogger logger, CancellationToken cancellationToken)
    {
        string executable = Path.Combine(repositoryRoot, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        if (File.Exists(executable))
        {
            return executable;
        }

        Log.Installing(logger, repositoryRoot);
        var startInfo = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", ["ci", "--no-audit", "--no-fund"])
        {
            WorkingDirectory = repositoryRoot,
        };
        await using ChildProcess npm = ChildProcess.Start(startInfo, line => Log.Output(logger, line), line => Log.Output(logger, line));
        int exitCode = await npm.Exited.WaitAsync(cancellationToken);
        if (exitCode != 0 || !File.Exists(executable))
        {
            throw new InvalidOperationException($"'npm ci' in {repositoryRoot} failed (exit code {exitCode}); Node.js and npm are needed to run Azurite.");
        }

        return executable;
    }

    private async Task WaitUntilListeningAsync(System.Collections.Concurrent.ConcurrentQueue<string> errors, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            foreach (int port in new[] { BlobPort, QueuePort, TablePort })
            {
                while (!await TcpPorts.AcceptsConnectionsAsync(port, timeout.Token))
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException(
                            $"Azurite exited with code {await process.Exited} before listening: {string.Join(" | ", errors.TakeLast(5))}");
                    }

                    await Task.Delay(50, timeout.Token);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("Azurite did not listen on its ports within 30 s.");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Installing the dev tools (npm ci) in {Directory} to get Azurite")]
        public static partial void Installing(ILogger logger, string directory);

        [LoggerMessage(2, LogLevel.Information, "Azurite started: blob {BlobPort}, queue {QueuePort}, table {TablePort}, data in {Directory}")]
        public static partial void Started(ILogger logger, int blobPort, int queuePort, int tablePort, string directory);

        [LoggerMessage(3, LogLevel.Warning, "Another local host uses the Azurite data folder; this one keeps its data in {Directory}")]
        public static partial void DataFolderInUse(ILogger logger, string directory);

        [LoggerMessage(4, LogLevel.Debug, "azurite: {Line}")]
        public static partial void Output(ILogger logger, string line);

        [LoggerMessage(5, LogLevel.Warning, "azurite: {Line}")]
        public static partial void Error(ILogger logger, string line);
    }
}
