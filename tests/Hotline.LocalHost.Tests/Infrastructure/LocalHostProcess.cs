using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Hotline.Testing;

namespace Hotline.LocalHost.Tests.Infrastructure;

/// <summary>The local host as the console command runs it (a process of its own), for signal and kill tests.</summary>
internal sealed partial class LocalHostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();

    private LocalHostProcess(Process process)
    {
        this.process = process;
    }

    public int Id => process.Id;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public string Output => string.Join(Environment.NewLine, lines);

    public static async Task<LocalHostProcess> StartAsync(string storageConnectionString, IReadOnlyDictionary<string, string?> settings)
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string dll = Path.Combine(RepositoryPaths.Root, "src", "Hotline.LocalHost", "bin", configuration, "net10.0", "Hotline.LocalHost.dll");
        // A test run started in the background without job control (nohup ./test.sh &) has SIGINT ignored, and an
        // ignored signal stays ignored across exec, so the host would rightly never hear Ctrl+C: env gives it the
        // default back, as a terminal would.
        var start = new ProcessStartInfo("env")
        {
            ArgumentList = { "--default-signal=INT", "dotnet", dll, "--app", TestWorkerApp.Directory, "--port", "0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.Environment["AzureWebJobsStorage"] = storageConnectionString;
        foreach ((string name, string? value) in settings)
        {
            start.Environment[name] = value;
        }

        var host = new LocalHostProcess(Process.Start(start)!);
        host.process.OutputDataReceived += (_, e) => host.Add(e.Data);
        host.process.ErrorDataReceived += (_, e) => host.Add(e.Data);
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        string? started = await Eventually.UntilAsync<string?>(
            () => host.lines.FirstOrDefault(l => l.Contains("Host started on", StringComparison.Ordinal)), l => l is not null, "the local host to start", TimeSpan.FromSeconds(60));
        host.BaseAddress = new Uri(StartedOn().Match(started!).Groups[1].Value);
        return host;
    }

    /// <summary>The worker processes this host started (children running the test worker's dll).</summary>
    public IReadOnlyList<int> WorkerProcessIds() =>
        [.. Directory.GetDirectories("/proc").Select(d => Path.GetFileName(d)).Where(n => n.All(char.IsAsciiDigit)).Select(n => int.Parse(n, CultureInfo.InvariantCulture))
            .Where(pid => ParentOf(pid) == Id && CommandLine(pid).Contains("Hotline.LocalHost.TestWorker.dll", StringComparison.Ordinal))];

    public static bool IsRunning(int pid)
    {
        string? stat = Read($"/proc/{pid}/stat");
        return stat is not null && stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0] != "Z";
    }

    public void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, Id.ToString(CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The local host had not exited {timeout.TotalSeconds:F0} s later. Its output:{Environment.NewLine}{Output}");
        }

        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static int ParentOf(int pid)
    {
        string? stat = Read($"/proc/{pid}/stat");
        return stat is null ? -1 : int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
    }

    private static string CommandLine(int pid) => Read($"/proc/{pid}/cmdline")?.Replace('\0', ' ') ?? string.Empty;

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }

    [GeneratedRegex(@"Host started on (\S+)")]
    private static partial Regex StartedOn();
}
