using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Hotline.LocalHost;

/// <summary>The console command: start the host, run until Ctrl+C or SIGTERM (or until the handler dies), stop in order.</summary>
internal static partial class LocalHostCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        using ILoggerFactory loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
                console.UseUtcTimestamp = false;
                console.ColorBehavior = LoggerColorBehavior.Default;
            }));
        ILogger logger = loggerFactory.CreateLogger("Hotline.LocalHost");

        LocalFunctionsHostOptions options;
        try
        {
            options = LocalFunctionsHostOptions.FromCommandLine(args, RepositoryRoot.Find(Directory.GetCurrentDirectory(), AppContext.BaseDirectory));
        }
        catch (ArgumentException exception)
        {
            Log.BadArguments(logger, exception.Message);
            return 2;
        }

        using var shutdown = new CancellationTokenSource();
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        // A closed terminal (SIGHUP) must not leave Azurite and the handler running: they live in sessions of their own.
        using PosixSignalRegistration sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
        using PosixSignalRegistration sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);

        await using var host = new LocalFunctionsHost(options, loggerFactory);
        try
        {
            await host.StartAsync(shutdown.Token);
            await Task.WhenAny(host.Completion, Task.Delay(Timeout.Infinite, shutdown.Token));
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // Ctrl+C during start.
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Top level of a console tool: whatever stopped the start is reported in one line, not as a crash.
            Log.StartFailed(logger, exception.Message);
            return 1;
        }

        bool failed = host.Completion.IsFaulted;
        await host.StopAsync();
        return failed ? 1 : 0;

        void Stop(PosixSignalContext context)
        {
            // Keep the process alive until the host has stopped in order.
            context.Cancel = true;
            shutdown.Cancel();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "{Message}")]
        public static partial void BadArguments(ILogger logger, string message);

        [LoggerMessage(2, LogLevel.Critical, "The host could not start: {Message}")]
        public static partial void StartFailed(ILogger logger, string message);
    }
}
