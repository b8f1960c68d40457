using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Hotline.Testing;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// Starts the local host exactly as <c>./run.sh</c> does (a separate process, the worker's build output as the app
/// root) against a test Azurite, and keeps every line it prints so tests can read the console like a developer.
/// A fixture that needs more settings derives from it (<see cref="AddSettings"/>).
/// </summary>
public partial class LocalHostProcess : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _lines = new();
    private Process? _process;

    public AzuriteInstance Azurite { get; } = new();

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public string MasterKey { get; private set; } = "";

    public string FunctionKey { get; private set; } = "";

    public IReadOnlyCollection<string> Output => _lines;

    public const string OutboxTable = "e2esmsoutbox";

    private static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string AppRoot => Path.Combine(RepositoryPaths.Root, "src", "Hotline", "bin", Configuration, "net10.0");

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var localHost = Path.Combine(RepositoryPaths.Root, "src", "Hotline.LocalHost", "bin", Configuration, "net10.0", "Hotline.LocalHost.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { localHost, "--app-root", AppRoot, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AzureWebJobsStorage"] = Azurite.ConnectionString;
        start.Environment["Hotline__Sms__OutboxTable"] = OutboxTable;

        // These tests run on the wall clock, and a text queued in quiet hours waits for 08:00 China: put the quiet hours
        // half a day away, so the texts asserted on go whenever the suite runs (the rule has its own tests on a fake clock).
        var chinaNow = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).TimeOfDay;
        start.Environment["Hotline__Sms__QuietHours__Start"] = TimeOfDay(chinaNow + TimeSpan.FromHours(12));
        start.Environment["Hotline__Sms__QuietHours__End"] = TimeOfDay(chinaNow + TimeSpan.FromHours(13));
        start.Environment["Hotline__Public__BaseUrl"] = BaseAddress.ToString().TrimEnd('/');
        AddSettings(start.Environment);

        _process = Process.Start(start) ?? throw new InvalidOperationException("The local host did not start.");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await WaitForAsync(() => _lines.Any(l => l.Contains("Host started", StringComparison.Ordinal)), TimeSpan.FromSeconds(90), "the local host to start");
        MasterKey = KeyFromBanner("master");
        FunctionKey = KeyFromBanner("function");
    }

    /// <summary>Settings (environment variables) the local host and its worker get on top of the usual ones.</summary>
    protected virtual void AddSettings(IDictionary<string, string?> environment)
    {
    }
    private static string TimeOfDay(TimeSpan time) =>
        TimeSpan.FromMinutes(Math.Floor(time.TotalMinutes % (24 * 60))).ToString("c", System.Globalization.CultureInfo.InvariantCulture);

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"The local host exited ({_process.ExitCode}) while waiting for {what}:\n{string.Join('\n', _lines.TakeLast(40))}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}. Last output:\n{string.Join('\n', _lines.TakeLast(40))}");
            }

            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            // SIGTERM, as Ctrl+C would: the host stops the worker; Azurite belongs to the fixture.
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process?.Dispose();
        await Azurite.DisposeAsync();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    private string KeyFromBanner(string name)
    {
        var line = _lines.First(l => Regex.IsMatch(l, $@"^\s+{name}\s+\S+"));
        return Regex.Match(line, $@"^\s+{name}\s+(\S+)").Groups[1].Value;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
