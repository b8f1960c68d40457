using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Hotline.Testing;

namespace Hotline.Benchmarks;

/// <summary>
/// The local Functions host started as <c>./run.sh</c> starts it, with its worker process, for one measurement; reads
/// both processes' peak working set from /proc (Linux).
/// </summary>
internal sealed partial class LocalHostRun : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private LocalHostRun(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string MasterKey { get; private set; } = "";

    public static async Task<LocalHostRun> StartAsync(string localHost, string appRoot, string connectionString, string directoryPath)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { localHost, "--app-root", appRoot, "--port", port.ToString(CultureInfo.InvariantCulture) },
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AzureWebJobsStorage"] = connectionString;
        start.Environment["Hotline__Routing__DirectoryPath"] = directoryPath;
        start.Environment["Hotline__Routing__DefaultUnitId"] = "city";
        var run = new LocalHostRun(Process.Start(start) ?? throw new InvalidOperationException("The local host did not start."), new Uri($"http://127.0.0.1:{port}/"));
        run._process.OutputDataReceived += (_, e) => run.Record(e.Data);
        run._process.ErrorDataReceived += (_, e) => run.Record(e.Data);
        run._process.BeginOutputReadLine();
        run._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (!run._lines.Any(l => l.Contains("Host started", StringComparison.Ordinal)))
        {
            if (run._process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("The local host did not start:\n" + string.Join('\n', run._lines.TakeLast(30)));
            }

            await Task.Delay(200);
        }

        run.MasterKey = MasterKeyLine().Match(run._lines.First(l => MasterKeyLine().IsMatch(l))).Groups[1].Value;
        return run;
    }

    public long HostPeakKb() => ProcFs.PeakKilobytes(_process.Id);

    /// <summary>The worker is the host's child process running Hotline.dll.</summary>
    public long WorkerPeakKb()
    {
        var worker = ProcFs.Children(_process.Id).FirstOrDefault(c => c.Command.Any(a => a.Contains("Hotline.dll", StringComparison.Ordinal)));
        return worker.Command is null ? throw new InvalidOperationException("The worker process was not found.") : ProcFs.PeakKilobytes(worker.Pid);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            // SIGTERM, as Ctrl+C would: the host stops its worker.
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^\s+master\s+(\S+)")]
    private static partial Regex MasterKeyLine();
}
