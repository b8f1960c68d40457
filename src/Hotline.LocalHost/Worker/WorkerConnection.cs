using System.Collections.Concurrent;
using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hotline.LocalHost.Invocation;
using Hotline.LocalHost.Rpc;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.Worker;

/// <summary>
/// One worker's EventStream: a single writer loop (concurrent gRPC writes throw), the handshake (init, metadata,
/// one load request per function: the worker ignores load collections), invocations correlated by id, and the
/// worker's RpcLogs forwarded to the host's logs, filtered and with phone numbers masked.
/// </summary>
internal sealed partial class WorkerConnection
{
    private const int CancelAttempts = 10;
    private static readonly TimeSpan CancelRepeat = TimeSpan.FromMilliseconds(500);

    private readonly IAsyncStreamReader<StreamingMessage> reader;
    private readonly IServerStreamWriter<StreamingMessage> writer;
    private readonly ILogger logger;
    private readonly ILogger workerLogger;
    private readonly Channel<StreamingMessage> outgoing = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResponse>> invocations = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<FunctionLoadResponse>> loads = new();
    private readonly TaskCompletionSource<WorkerInitResponse> init = NewSource<WorkerInitResponse>();
    private readonly TaskCompletionSource<FunctionMetadataResponse> metadata = NewSource<FunctionMetadataResponse>();
    private readonly TaskCompletionSource ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WorkerConnection(string workerId, IAsyncStreamReader<StreamingMessage> reader, IServerStreamWriter<StreamingMessage> writer, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        WorkerId = workerId;
        this.reader = reader;
        this.writer = writer;
        logger = loggerFactory.CreateLogger<WorkerConnection>();
        workerLogger = loggerFactory.CreateLogger("Worker");
    }

    public string WorkerId { get; }

    /// <summary>Completes when the stream ends, whatever the reason.</summary>
    public Task Ended => ended.Task;

    /// <summary>Pumps both directions until the worker closes its side or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task writing = WriteLoopAsync(stop.Token);
        try
        {
            while (await reader.MoveNext(stop.Token))
            {
                Dispatch(reader.Current);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or Grpc.Core.RpcException or IOException or InvalidOperationException)
        {
            Log.StreamEnded(logger, WorkerId, exception.Message);
        }
        finally
        {
            outgoing.Writer.TryComplete();
            await stop.CancelAsync();
            await writing;
            var gone = new WorkerGoneException();
            init.TrySetException(gone);
            metadata.TrySetException(gone);
            foreach (TaskCompletionSource<FunctionLoadResponse> load in loads.Values)
            {
                load.TrySetException(gone);
            }

            foreach (TaskCompletionSource<InvocationResponse> invocation in invocations.Values)
            {
                invocation.TrySetException(gone);
            }

            ended.TrySetResult();
        }
    }

    public async Task<WorkerInitResponse> InitializeAsync(string appDirectory, CancellationToken cancellationToken)
    {
        Send(new StreamingMessage
        {
            RequestId = NewId(),
            WorkerInitRequest = new WorkerInitRequest
            {
                HostVersion = "4.1000.0.0",
                WorkerDirectory = appDirectory,
                FunctionAppDirectory = appDirectory,
            },
        });
        return await init.Task.WaitAsync(cancellationToken);
    }

    public async Task<FunctionMetadataResponse> GetMetadataAsync(string appDirectory, CancellationToken cancellationToken)
    {
        Send(new StreamingMessage
        {
            RequestId = NewId(),
            FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory },
        });
        return await metadata.Task.WaitAsync(cancellationToken);
    }

    public async Task<FunctionLoadResponse> LoadAsync(RpcFunctionMetadata function, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        TaskCompletionSource<FunctionLoadResponse> source = loads.GetOrAdd(function.FunctionId, _ => NewSource<FunctionLoadResponse>());
        var request = new FunctionLoadRequest
        {
            FunctionId = function.FunctionId,
            Metadata = new RpcFunctionMetadata
            {
                Name = function.Name,
                Directory = function.Directory,
                ScriptFile = function.ScriptFile,
                EntryPoint = function.EntryPoint,
                FunctionId = function.FunctionId,
                Language = function.Language,
                IsProxy = false,
            },
        };
        request.Metadata.Bindings.Add(function.Bindings);
        request.Metadata.Properties.Add(function.Properties);
        request.Metadata.RawBindings.Add(function.RawBindings);
        Send(new StreamingMessage { RequestId = NewId(), FunctionLoadRequest = request });
        return await source.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Sends the invocation and waits for its response. When <paramref name="cancellationToken"/> fires the worker gets
    /// an InvocationCancel (the function's token fires only then) and the wait goes on: the worker still answers.
    /// </summary>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        TaskCompletionSource<InvocationResponse> source = NewSource<InvocationResponse>();
        invocations[request.InvocationId] = source;
        try
        {
            if (ended.Task.IsCompleted)
            {
                throw new WorkerGoneException();
            }

            Send(new StreamingMessage { RequestId = NewId(), InvocationRequest = request });
            try
            {
                return await source.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The worker drops a cancel that arrives before it has registered the invocation (it handles messages
                // concurrently), so the cancel is repeated until the invocation answers.
                for (int attempt = 0; attempt < CancelAttempts; attempt++)
                {
                    Cancel(request.InvocationId);
                    if (await Task.WhenAny(source.Task, Task.Delay(CancelRepeat, CancellationToken.None)) == source.Task)
                    {
                        break;
                    }
                }

                return await source.Task;
            }
        }
        finally
        {
            invocations.TryRemove(request.InvocationId, out _);
        }
    }

    /// <summary>Asks the worker to stop (it answers with an empty message and exits with code 0).</summary>
    public async Task TerminateAsync(TimeSpan grace)
    {
        Send(new StreamingMessage { RequestId = NewId(), WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(grace) } });
        await Task.WhenAny(ended.Task, Task.Delay(grace + TimeSpan.FromSeconds(1)));
    }

    private void Cancel(string invocationId)
    {
        if (invocations.ContainsKey(invocationId))
        {
            Log.Cancelling(logger, invocationId);
            Send(new StreamingMessage { RequestId = NewId(), InvocationCancel = new InvocationCancel { InvocationId = invocationId } });
        }
    }

    private void Send(StreamingMessage message) => outgoing.Writer.TryWrite(message);

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (StreamingMessage message in outgoing.Reader.ReadAllAsync(cancellationToken))
            {
                await writer.WriteAsync(message, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or Grpc.Core.RpcException or IOException or InvalidOperationException)
        {
            // The stream is gone; the read loop reports it and fails whatever waits.
        }
    }

    private void Dispatch(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
                init.TrySetResult(message.WorkerInitResponse);
                break;
            case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                metadata.TrySetResult(message.FunctionMetadataResponse);
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                loads.GetOrAdd(message.FunctionLoadResponse.FunctionId, _ => NewSource<FunctionLoadResponse>()).TrySetResult(message.FunctionLoadResponse);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                if (invocations.TryGetValue(message.InvocationResponse.InvocationId, out TaskCompletionSource<InvocationResponse>? invocation))
                {
                    invocation.TrySetResult(message.InvocationResponse);
                }

                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                WriteWorkerLog(message.RpcLog);
                break;
            default:
                // The empty message after WorkerTerminate, status responses: nothing to do.
                break;
        }
    }

    private void WriteWorkerLog(RpcLog log)
    {
        LogLevel level = log.Level switch
        {
            RpcLog.Types.Level.Trace => LogLevel.Trace,
            RpcLog.Types.Level.Debug => LogLevel.Debug,
            RpcLog.Types.Level.Information => LogLevel.Information,
            RpcLog.Types.Level.Warning => LogLevel.Warning,
            RpcLog.Types.Level.Error => LogLevel.Error,
            RpcLog.Types.Level.Critical => LogLevel.Critical,
            _ => LogLevel.None,
        };

        // The worker's own ASP.NET Core and hosting logs arrive as user logs too: only their warnings are news.
        bool framework = log.Category.StartsWith("Microsoft.", StringComparison.Ordinal) || log.Category.StartsWith("System.", StringComparison.Ordinal);
        if (level == LogLevel.None || (framework && level < LogLevel.Warning) || log.LogCategory == RpcLog.Types.RpcLogCategory.CustomMetric)
        {
            return;
        }

        if (!workerLogger.IsEnabled(level))
        {
            return;
        }

        string text = log.Exception is { } exception && exception.Message.Length > 0
            ? $"{log.Message} ({exception.Type}: {exception.Message})"
            : log.Message;
        string masked = PhoneNumbers.Mask(text);
        Log.WorkerLog(workerLogger, level, log.Category, masked);
    }

    private static string NewId() => Guid.NewGuid().ToString();

    private static TaskCompletionSource<T> NewSource<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Worker {WorkerId} stream ended: {Reason}")]
        public static partial void StreamEnded(ILogger logger, string workerId, string reason);

        [LoggerMessage(2, LogLevel.Debug, "Sending InvocationCancel for {InvocationId}")]
        public static partial void Cancelling(ILogger logger, string invocationId);

        [LoggerMessage(EventId = 3, Message = "{Category}: {Message}")]
        public static partial void WorkerLog(ILogger logger, LogLevel level, string category, string message);
    }
}
