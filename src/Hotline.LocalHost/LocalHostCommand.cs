using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Hotline.LocalHost;

/// <summary>The console command: start the host, run until Ctrl+C or SIGTERM (or SIGHUP), stop in order.</summary>
internal static partial class LocalHostCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        using ILoggerFactory loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Grpc", LogLevel.Warning)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
                console.UseUtcTimestamp = false;
                console.ColorBehavior = LoggerColorBehavior.Default;
            }));
        ILogger logger = loggerFactory.CreateLogger("Hotline.LocalHost");

        if (args.Length > 0 && args[0] == "bench")
        {
            // bench --app DIR [--path /route] [--queue-function Name]; settings come from the environment.
            string? root = RepositoryRoot.Find(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
            string app = Path.GetFullPath(Value("--app") ?? throw new ArgumentException("bench needs --app DIR"));
            return await Bench.LocalHostBench.RunAsync(app, Value("--path") ?? "/items/special", Value("--queue-function") ?? "OrderPlaced", new Dictionary<string, string?>(), root!);
        }

        LocalFunctionsHostOptions options;
        try
        {
            options = FromCommandLine(args, RepositoryRoot.Find(Directory.GetCurrentDirectory(), AppContext.BaseDirectory));
        }
        catch (ArgumentException exception)
        {
            Log.BadArguments(logger, exception.Message);
            return 2;
        }

        using var shutdown = new CancellationTokenSource();
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        // A closed terminal (SIGHUP) must not leave Azurite and the worker running: they live in sessions of their own.
        using PosixSignalRegistration sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
        using PosixSignalRegistration sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);

        LocalFunctionsHost host;
        try
        {
            host = await LocalFunctionsHost.StartAsync(options, loggerFactory, ownsLoggerFactory: false, shutdown.Token);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Top level of a console tool: whatever stopped the start is reported in one line, not as a crash.
            Log.StartFailed(logger, exception.Message);
            return 1;
        }

        await using (host)
        {
            await Task.Delay(Timeout.Infinite, shutdown.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return 0;

        string? Value(string name) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

        void Stop(PosixSignalContext context)
        {
            // Keep the process alive until the host has stopped in order.
            context.Cancel = true;
            shutdown.Cancel();
        }
    }

    /// <summary>
    /// <c>--app DIR</c> (default: the Hotline app's Debug build output) and <c>--port N</c> (default 7071).
    /// </summary>
    internal static LocalFunctionsHostOptions FromCommandLine(IReadOnlyList<string> args, string? repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? appDirectory = null;
        int port = LocalFunctionsHostOptions.DefaultPort;
        for (int i = 0; i < args.Count; i++)
        {
            string value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--app" or "--app-root":
                    appDirectory = value;
                    i++;
                    break;
                case "--port":
                    port = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed)
                        ? parsed
                        : throw new ArgumentException($"--port '{value}' is not a port number.");
                    i++;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}' (use --app DIR, --port N).");
            }
        }

        appDirectory ??= repositoryRoot is null
            ? throw new ArgumentException($"No {RepositoryRoot.SolutionFile} found above the current folder: pass --app.")
            : Path.Combine(repositoryRoot, "src", "Hotline", "bin", "Debug", "net10.0");
        return new LocalFunctionsHostOptions
        {
            AppDirectory = Path.GetFullPath(appDirectory),
            RepositoryRoot = repositoryRoot,
            HttpPort = port,
            KeysPath = repositoryRoot is null ? null : Path.Combine(repositoryRoot, ".local", "keys.json"),
            BannerWriter = Console.Out,
        };
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "{Message}")]
        public static partial void BadArguments(ILogger logger, string message);

        [LoggerMessage(2, LogLevel.Critical, "The host could not start: {Message}")]
        public static partial void StartFailed(ILogger logger, string message);
    }
}
