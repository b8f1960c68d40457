using System.Collections.Concurrent;
using System.Diagnostics;
using Hotline.LocalHost.Configuration;
using Hotline.LocalHost.Processes;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.Worker;

/// <summary>
/// Starts the worker process the way the Functions host does: <c>defaultExecutablePath arguments
/// "&lt;appdir&gt;/defaultWorkerPath" workerArguments</c> followed by the host's switches, in the app directory, with
/// the app settings as environment variables; stdout at Debug, stderr kept (its last lines explain an exit at start).
/// https://github.com/Azure/azure-functions-host/blob/dev/src/WebJobs.Script/Workers/ProcessManagement/DefaultWorkerProcessFactory.cs
/// </summary>
internal sealed partial class ProcessWorkerLauncher(WorkerConfig config, ILogger<ProcessWorkerLauncher> logger) : IWorkerLauncher
{
    private const int StderrLinesKept = 100;

    public Task<IAsyncDisposable> StartAsync(WorkerStartInfo start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        string executable = config.Executable;
        string local = Path.Combine(start.AppDirectory, executable);
        if (File.Exists(local))
        {
            executable = local;
        }

        var startInfo = new ProcessStartInfo(executable) { WorkingDirectory = start.AppDirectory };
        foreach (string argument in config.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (config.WorkerPath is { } workerPath)
        {
            startInfo.ArgumentList.Add(Path.Combine(start.AppDirectory, workerPath));
        }

        foreach (string argument in config.WorkerArguments.Concat(start.Arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach ((string name, string? value) in start.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var stderr = new ConcurrentQueue<string>();
        ChildProcess process = ChildProcess.Start(
            startInfo,
            line => Log.Output(logger, line),
            line =>
            {
                stderr.Enqueue(line);
                while (stderr.Count > StderrLinesKept)
                {
                    stderr.TryDequeue(out _);
                }

                Log.Error(logger, Invocation.PhoneNumbers.Mask(line));
            });
        OrphanGuard.Watch(process.Id);
        Log.Started(logger, process.Id, start.WorkerId);
        return Task.FromResult<IAsyncDisposable>(new WorkerProcess(process, stderr));
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Worker process {ProcessId} started (worker id {WorkerId})")]
        public static partial void Started(ILogger logger, int processId, string workerId);

        [LoggerMessage(2, LogLevel.Debug, "worker: {Line}")]
        public static partial void Output(ILogger logger, string line);

        [LoggerMessage(3, LogLevel.Warning, "worker stderr: {Line}")]
        public static partial void Error(ILogger logger, string line);
    }
}
