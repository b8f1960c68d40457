using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Xunit;

namespace Hotline.Testing;

/// <summary>
/// A private Azurite (pinned in package.json) on free loopback ports, in memory, for one test class:
/// <c>public sealed class X(AzuriteInstance azurite) : IClassFixture&lt;AzuriteInstance&gt;</c>.
/// Each test still makes its own uniquely named table or queue (<see cref="UniqueName"/>).
/// </summary>
public sealed class AzuriteInstance : IAsyncLifetime, IAsyncDisposable
{
    private const int MaxOutputChars = 16_000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The file Azurite keeps its tables in (DEFAULT_TABLE_LOKI_DB_PATH in its sources).</summary>
    public const string TableDatabaseFileName = "__azurite_db_table__.json";

    /// <summary>Azurite's well-known development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (public, documented; not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly StringBuilder output = new();
    private string? tableDatabase;
    private Process? process;
    private string? workingDirectory;
    private TableServiceClient? tables;
    private int disposed;

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    /// <summary>Explicit endpoints: UseDevelopmentStorage=true would mean the default ports 10000-10002.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>The table service of this instance.</summary>
    public TableServiceClient Tables => tables ?? throw new InvalidOperationException("Azurite is not running: await InitializeAsync first.");

    /// <summary>Starts an instance outside xunit (dispose it to stop Azurite).</summary>
    /// <param name="tableDatabase">
    /// A table database an Azurite saved (its Loki file), which this instance starts from, still in memory: a
    /// benchmark's seed of a hundred thousand rows, which Azurite's API would take hours to load
    /// (<c>AzuriteTableDatabase.cjs</c> says how).
    /// </param>
    public static async Task<AzuriteInstance> StartAsync(string? tableDatabase = null)
    {
        var instance = new AzuriteInstance { tableDatabase = tableDatabase };
        try
        {
            await instance.InitializeAsync();
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    public TableClient GetTableClient(string tableName) => Tables.GetTableClient(tableName);

    /// <summary>A new table of this instance (the app creates its tables at start; a test of one store does it here).</summary>
    public async Task<TableClient> CreateTableAsync(string tableName)
    {
        var table = Tables.GetTableClient(tableName);
        await table.CreateIfNotExistsAsync();
        return table;
    }

    /// <summary>
    /// A queue of this instance. Base64 is what the queue trigger reads; <see cref="QueueMessageEncoding.None"/> shows
    /// the text as stored.
    /// </summary>
    public QueueClient GetQueueClient(string queueName, QueueMessageEncoding encoding = QueueMessageEncoding.Base64) =>
        new(ConnectionString, queueName, new QueueClientOptions { MessageEncoding = encoding });

    public async Task InitializeAsync()
    {
        await EnsureInstalledAsync();
        workingDirectory = Directory.CreateTempSubdirectory("hotline-azurite-").FullName;
        if (tableDatabase is not null)
        {
            // Where Azurite looks for its table database: the folder it runs in.
            File.Copy(tableDatabase, Path.Combine(workingDirectory, TableDatabaseFileName));
        }

        // Free ports are picked by binding port 0 and released just before Azurite binds them; another process can
        // take one in between, so a failed start is retried on new ports.
        for (int attempt = 1; ; attempt++)
        {
            (BlobPort, QueuePort, TablePort) = FreePorts();
            StartProcess();
            if (await WaitUntilListeningAsync())
            {
                tables = new TableServiceClient(ConnectionString);
                return;
            }

            await StopProcessAsync();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"Azurite did not start (3 attempts). Its output:\n{Output()}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await StopProcessAsync();
        if (workingDirectory is not null)
        {
            try
            {
                Directory.Delete(workingDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private static string AzuriteBin =>
        Path.Combine(RepositoryPaths.NodeModules, ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");

    /// <summary>
    /// A fresh clone has no node_modules: run `npm ci` once. Test classes start in parallel (and in several test
    /// processes), so a file lock makes one of them install while the others wait.
    /// </summary>
    private static async Task EnsureInstalledAsync()
    {
        if (File.Exists(AzuriteBin))
        {
            return;
        }

        string lockName = "hotline-npm-ci-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(RepositoryPaths.Root)))[..16] + ".lock";
        string lockPath = Path.Combine(Path.GetTempPath(), lockName);
        using var cts = new CancellationTokenSource(InstallTimeout);
        FileStream? held = null;
        while (held is null)
        {
            try
            {
                held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(500, cts.Token);
            }
        }

        await using (held)
        {
            if (File.Exists(AzuriteBin))
            {
                return;
            }

            var npm = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
            {
                WorkingDirectory = RepositoryPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            npm.ArgumentList.Add("ci");
            npm.ArgumentList.Add("--no-audit");
            npm.ArgumentList.Add("--no-fund");
            using Process install = Process.Start(npm) ?? throw new InvalidOperationException("Could not start npm.");
            Task<string> stdout = install.StandardOutput.ReadToEndAsync(cts.Token);
            Task<string> stderr = install.StandardError.ReadToEndAsync(cts.Token);
            await install.WaitForExitAsync(cts.Token);
            if (install.ExitCode != 0 || !File.Exists(AzuriteBin))
            {
                throw new InvalidOperationException($"`npm ci` failed ({install.ExitCode}):\n{await stdout}\n{await stderr}");
            }
        }
    }

    private static (int Blob, int Queue, int Table) FreePorts()
    {
        // All three bound at once so they differ.
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            int[] ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    private void StartProcess()
    {
        var start = new ProcessStartInfo(AzuriteBin)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (tableDatabase is not null)
        {
            start.Environment["NODE_OPTIONS"] = $"--require \"{Path.Combine(RepositoryPaths.Root, "tests", "Hotline.Testing", "AzuriteTableDatabase.cjs")}\"";
        }
        foreach (string argument in new[]
        {
            // The queue SDK sends a newer API version than Azurite knows; the local host runs Azurite the same way.
            "--inMemoryPersistence", "--silent", "--disableTelemetry", "--skipApiVersionCheck",
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var started = new Process { StartInfo = start };
        started.OutputDataReceived += (_, e) => Append(e.Data);
        started.ErrorDataReceived += (_, e) => Append(e.Data);
        if (!started.Start())
        {
            throw new InvalidOperationException($"Could not start {AzuriteBin}.");
        }

        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
    }

    private async Task<bool> WaitUntilListeningAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (process is null || process.HasExited)
            {
                return false;
            }

            if (await AcceptsAsync(TablePort) && await AcceptsAsync(QueuePort))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task StopProcessAsync()
    {
        Process? running = Interlocked.Exchange(ref process, null);
        if (running is null)
        {
            return;
        }

        using (running)
        {
            try
            {
                if (!running.HasExited)
                {
                    running.Kill(entireProcessTree: true);
                }

                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await running.WaitForExitAsync(timeout.Token);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
                // Already gone, or not dying in time: nothing more to do from a test fixture.
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < MaxOutputChars)
            {
                output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
