using System.Diagnostics;
using System.Globalization;
using Hotline.LocalHost.Configuration;
using Hotline.LocalHost.Processes;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.Handler;

/// <summary>
/// Starts the custom handler like the host: the executable from host.json (relative to the app root when that file
/// exists, else a command on PATH), its arguments, the working directory, and the handler environment.
/// https://github.com/Azure/azure-functions-host/blob/dev/src/WebJobs.Script/Workers/Http/HttpWorkerProcess.cs
/// </summary>
internal sealed partial class HandlerProcess : IAsyncDisposable
{
    /// <summary>
    /// Variables that would make ASP.NET Core bind elsewhere than FUNCTIONS_CUSTOMHANDLER_PORT when inherited from the
    /// shell or from <c>dotnet run</c> of the local host.
    /// </summary>
    private static readonly string[] InheritedUrlVariables = ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS", "HTTP_PORTS", "HTTPS_PORTS"];

    private readonly ChildProcess process;

    private HandlerProcess(ChildProcess process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public Task<int> Exited => process.Exited;

    public bool HasExited => process.HasExited;

    public static HandlerProcess Start(FunctionApp app, string storageConnectionString, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(logger);
        int port = TcpPorts.FindFree();
        ProcessStartInfo startInfo = CreateStartInfo(app, port, Guid.NewGuid(), storageConnectionString);
        Log.Starting(logger, string.Join(' ', [startInfo.FileName, .. startInfo.ArgumentList]), startInfo.WorkingDirectory, port);

        // The host logs handler stdout at Information and stderr at Error, or Warning when the line mentions "warn".
        ChildProcess child = ChildProcess.Start(
            startInfo,
            line => Log.Output(logger, line),
            line =>
            {
                if (line.Contains("warn", StringComparison.OrdinalIgnoreCase))
                {
                    Log.ErrorOutputWarning(logger, line);
                }
                else
                {
                    Log.ErrorOutput(logger, line);
                }
            });
        return new HandlerProcess(child, port);
    }

    public static ProcessStartInfo CreateStartInfo(FunctionApp app, int port, Guid workerId, string storageConnectionString)
    {
        ArgumentNullException.ThrowIfNull(app);
        CustomHandlerDescription description = app.Host.CustomHandler;
        var startInfo = new ProcessStartInfo(ResolveExecutable(app.AppRoot, description.DefaultExecutablePath))
        {
            WorkingDirectory = description.WorkingDirectory is { } directory ? Path.GetFullPath(directory, app.AppRoot) : app.AppRoot,
        };
        foreach (string argument in description.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (description.DefaultWorkerPath is { } workerPath)
        {
            startInfo.ArgumentList.Add(Path.GetFullPath(workerPath, app.AppRoot));
        }

        foreach (string argument in description.WorkerArguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        IDictionary<string, string?> environment = startInfo.Environment;
        foreach (string name in InheritedUrlVariables)
        {
            environment.Remove(name);
        }

        foreach (string key in app.Settings.LocalKeys)
        {
            environment[key] = app.Settings[key];
        }

        // Core Tools marks the local run as Development; local.settings.json or the environment may override it.
        environment["AZURE_FUNCTIONS_ENVIRONMENT"] = app.Settings["AZURE_FUNCTIONS_ENVIRONMENT"] ?? "Development";
        environment["FUNCTIONS_WORKER_RUNTIME"] = app.Settings["FUNCTIONS_WORKER_RUNTIME"] ?? "custom";
        environment[StorageConnectionVariable] = storageConnectionString;
        string portText = port.ToString(CultureInfo.InvariantCulture);
        environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = portText;
        environment["FUNCTIONS_HTTPWORKER_PORT"] = portText;
        environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = workerId.ToString();
        environment["FUNCTIONS_HTTPWORKER_ID"] = workerId.ToString();
        environment["FUNCTIONS_APP_ROOT_PATH"] = app.AppRoot;
        return startInfo;
    }

    public Task StopAsync() => process.StopAsync(TimeSpan.FromSeconds(10));

    public ValueTask DisposeAsync() => process.DisposeAsync();

    private const string StorageConnectionVariable = "AzureWebJobsStorage";

    private static string ResolveExecutable(string appRoot, string executable)
    {
        if (Path.IsPathRooted(executable))
        {
            return executable;
        }

        string candidate = Path.GetFullPath(executable, appRoot);
        if (File.Exists(candidate))
        {
            return candidate;
        }

        if (OperatingSystem.IsWindows() && File.Exists(candidate + ".exe"))
        {
            return candidate + ".exe";
        }

        return executable;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Starting the handler: {CommandLine} (in {Directory}, port {Port})")]
        public static partial void Starting(ILogger logger, string commandLine, string directory, int port);

        [LoggerMessage(2, LogLevel.Information, "{Line}")]
        public static partial void Output(ILogger logger, string line);

        [LoggerMessage(3, LogLevel.Error, "{Line}")]
        public static partial void ErrorOutput(ILogger logger, string line);

        [LoggerMessage(4, LogLevel.Warning, "{Line}")]
        public static partial void ErrorOutputWarning(ILogger logger, string line);
    }
}
