using System.Diagnostics;
using Grpc.Core;
using Hotline.LocalHost.Configuration;
using Hotline.LocalHost.Functions;
using Hotline.LocalHost.Rpc;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.Worker;

/// <summary>
/// Keeps one worker running: launches it, waits for its StartStream (the worker id must match), does the handshake,
/// and when the worker dies starts a new one (at once, unless it keeps dying: <see cref="StableAfter"/>). A worker that
/// fails before it is ready (an options error at start is deterministic) is reported with its exit code and last
/// stderr lines and retried with a growing delay, never in a tight loop. Meanwhile <see cref="Current"/> is null and
/// <see cref="Status"/> says why.
/// </summary>
internal sealed partial class WorkerSupervisor : IAsyncDisposable
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A worker that dies sooner than this after being ready counts as failing: the first such death is restarted at
    /// once (a worker killed mid-run is not a crash loop), the ones after it back off.
    /// </summary>
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(10);

    private readonly string appDirectory;
    private readonly IWorkerLauncher launcher;
    private readonly Func<string, WorkerStartInfo> startInfo;
    private readonly Func<FunctionMetadataResponse, FunctionCatalog> buildCatalog;
    private readonly TimeSpan startTimeout;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource firstOutcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object gate = new();
    private string? expectedWorkerId;
    private TaskCompletionSource<WorkerConnection>? attached;
    private Task? loop;
    private volatile ReadyWorker? current;
    private volatile string status = "The Functions worker is starting.";

    public WorkerSupervisor(
        string appDirectory,
        IWorkerLauncher launcher,
        Func<string, WorkerStartInfo> startInfo,
        Func<FunctionMetadataResponse, FunctionCatalog> buildCatalog,
        TimeSpan startTimeout,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        this.appDirectory = appDirectory;
        this.launcher = launcher;
        this.startInfo = startInfo;
        this.buildCatalog = buildCatalog;
        this.startTimeout = startTimeout;
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<WorkerSupervisor>();
    }

    /// <summary>Raised after every handshake (the first and each restart).</summary>
    public event Action<ReadyWorker>? Ready;

    /// <summary>The worker in service; null while it starts, restarts or fails to start.</summary>
    public ReadyWorker? Current => current;

    /// <summary>Why there is no worker in service (for 503 answers).</summary>
    public string Status => status;

    /// <summary>Starts the first worker and waits until it is ready or has failed (then it keeps retrying in the background).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        loop = Task.Run(() => RunAsync(stopping.Token), CancellationToken.None);
        await firstOutcome.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The gRPC EventStream of a worker: the first message must be the StartStream of the worker just launched.</summary>
    public async Task AttachAsync(IAsyncStreamReader<StreamingMessage> reader, IServerStreamWriter<StreamingMessage> writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!await reader.MoveNext(cancellationToken) || reader.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
        {
            return;
        }

        string workerId = reader.Current.StartStream.WorkerId;
        WorkerConnection connection;
        lock (gate)
        {
            if (workerId != expectedWorkerId || attached is null || attached.Task.IsCompleted)
            {
                Log.UnknownWorker(logger, workerId);
                return;
            }

            connection = new WorkerConnection(workerId, reader, writer, loggerFactory);
            attached.TrySetResult(connection);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping.Token);
        await connection.RunAsync(linked.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!stopping.IsCancellationRequested)
        {
            await stopping.CancelAsync();
        }

        if (loop is not null)
        {
            await loop;
        }

        firstOutcome.TrySetResult();
        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        int failures = 0;
        while (!stop.IsCancellationRequested)
        {
            string workerId = Guid.NewGuid().ToString();
            var connectionSource = new TaskCompletionSource<WorkerConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (gate)
            {
                expectedWorkerId = workerId;
                attached = connectionSource;
            }

            IAsyncDisposable? handle = null;
            long readyAt = 0;
            bool restartAtOnce = false;
            try
            {
                long launched = Stopwatch.GetTimestamp();
                handle = await launcher.StartAsync(startInfo(workerId), stop);
                Task<int> exited = handle is WorkerProcess process ? process.Exited : new TaskCompletionSource<int>().Task;
                ReadyWorker ready = await HandshakeAsync(connectionSource.Task, exited, handle as WorkerProcess, stop);
                readyAt = Stopwatch.GetTimestamp();
                current = ready;
                Log.WorkerReady(logger, ready.Catalog.Functions.Count, (long)Stopwatch.GetElapsedTime(launched).TotalMilliseconds);
                Ready?.Invoke(ready);
                firstOutcome.TrySetResult();

                Task stopped = Task.Delay(Timeout.Infinite, stop);
                await Task.WhenAny(ready.Connection.Ended, exited, stopped);
                if (stop.IsCancellationRequested)
                {
                    current = null;
                    status = "The local host is stopping.";
                    await ready.Connection.TerminateAsync(TimeSpan.FromSeconds(5));
                    break;
                }

                current = null;

                // The stream usually ends a moment before the process exit is seen; the exit code is worth the wait.
                await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
                string code = exited.IsCompleted ? $" (exit code {exited.Result})" : string.Empty;
                status = $"The Functions worker exited{code} and is restarting.";
                Log.WorkerExited(logger, code);
                failures = Stopwatch.GetElapsedTime(readyAt) < StableAfter ? failures + 1 : 0;
                restartAtOnce = failures <= 1;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is WorkerStartException or FunctionsConfigurationException or WorkerGoneException or TimeoutException)
            {
                current = null;
                failures++;
                status = "The Functions worker is not running: " + exception.Message;
                Log.WorkerStartFailed(logger, exception.Message);
                firstOutcome.TrySetResult();
            }
            finally
            {
                if (handle is not null)
                {
                    await handle.DisposeAsync();
                }
            }

            if (failures > 0 && !restartAtOnce)
            {
                TimeSpan delay = TimeSpan.FromSeconds(Math.Min(MaxRetryDelay.TotalSeconds, Math.Pow(2, failures)));
                Log.RetryIn(logger, delay.TotalSeconds);
                try
                {
                    await Task.Delay(delay, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task<ReadyWorker> HandshakeAsync(Task<WorkerConnection> attachedTask, Task<int> exited, WorkerProcess? process, CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(startTimeout);
        Task<ReadyWorker> handshake = HandshakeCoreAsync(attachedTask, timeout.Token);
        if (await Task.WhenAny(handshake, exited) == exited)
        {
            await timeout.CancelAsync();
            // Stack frames say little next to the exception's message, so they are left out.
            string lines = process is null
                ? string.Empty
                : string.Join(Environment.NewLine, process.LastErrorLines.Where(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal)).TakeLast(8).Select(Invocation.PhoneNumbers.Mask));
            throw new WorkerStartException(
                $"the worker exited with code {exited.Result} before it was ready." + (lines.Length > 0 ? " Last stderr lines:" + Environment.NewLine + lines : string.Empty));
        }

        try
        {
            return await handshake;
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            throw new TimeoutException($"the worker did not complete its start within {startTimeout.TotalSeconds} s.");
        }
    }

    private async Task<ReadyWorker> HandshakeCoreAsync(Task<WorkerConnection> attachedTask, CancellationToken cancellationToken)
    {
        WorkerConnection connection = await attachedTask.WaitAsync(cancellationToken);
        WorkerInitResponse init = await connection.InitializeAsync(appDirectory, cancellationToken);
        if (init.Result?.Status != StatusResult.Types.Status.Success)
        {
            throw new WorkerStartException("the worker failed its initialization: " + Describe(init.Result));
        }

        Uri? httpUri = init.Capabilities.TryGetValue("HttpUri", out string? uri) && Uri.TryCreate(uri, UriKind.Absolute, out Uri? parsed)
            ? new UriBuilder(parsed) { Host = parsed.IsLoopback ? "127.0.0.1" : parsed.Host }.Uri
            : null;
        FunctionMetadataResponse metadata = await connection.GetMetadataAsync(appDirectory, cancellationToken);
        if (metadata.Result?.Status != StatusResult.Types.Status.Success)
        {
            throw new WorkerStartException("the worker could not index its functions: " + Describe(metadata.Result));
        }

        FunctionCatalog catalog = buildCatalog(metadata);
        FunctionLoadResponse[] loads = await Task.WhenAll(metadata.FunctionMetadataResults.Select(f => connection.LoadAsync(f, cancellationToken)));
        var loadErrors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (FunctionLoadResponse load in loads.Where(l => l.Result?.Status != StatusResult.Types.Status.Success))
        {
            string name = catalog.Functions.FirstOrDefault(f => f.FunctionId == load.FunctionId)?.Name ?? load.FunctionId;
            loadErrors[load.FunctionId] = $"Function '{name}' could not be loaded: {Describe(load.Result)}";
            Log.LoadFailed(logger, name, Describe(load.Result));
        }

        return new ReadyWorker(connection, httpUri, catalog, loadErrors);
    }

    internal static string Describe(StatusResult? result) =>
        result?.Exception is { } exception && exception.Message.Length > 0
            ? $"{exception.Type}: {exception.Message}".TrimStart(':', ' ')
            : result?.Result is { Length: > 0 } text ? text : "no reason given";

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Worker ready: {FunctionCount} functions loaded {ElapsedMs} ms after launch")]
        public static partial void WorkerReady(ILogger logger, int functionCount, long elapsedMs);

        [LoggerMessage(2, LogLevel.Error, "The Functions worker exited{Code}; starting a new one")]
        public static partial void WorkerExited(ILogger logger, string code);

        [LoggerMessage(3, LogLevel.Error, "The Functions worker failed to start: {Reason}")]
        public static partial void WorkerStartFailed(ILogger logger, string reason);

        [LoggerMessage(4, LogLevel.Information, "Starting the worker again in {Seconds} s")]
        public static partial void RetryIn(ILogger logger, double seconds);

        [LoggerMessage(5, LogLevel.Warning, "A worker with unknown id {WorkerId} opened a stream; refused")]
        public static partial void UnknownWorker(ILogger logger, string workerId);

        [LoggerMessage(6, LogLevel.Error, "Function {FunctionName} failed to load: {Reason}")]
        public static partial void LoadFailed(ILogger logger, string functionName, string reason);
    }
}
