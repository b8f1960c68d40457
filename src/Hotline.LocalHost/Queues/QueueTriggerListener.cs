using System.Text;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Hotline.LocalHost.Configuration;
using Hotline.LocalHost.Invocation;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.Queues;

/// <summary>
/// Polls one queue for one function with the host's semantics: batches of batchSize under a 10-minute lease, at most
/// batchSize + newBatchThreshold invocations at once, delete on success, release with visibilityTimeout on failure,
/// and after maxDequeueCount failures (or an undecodable message) the original text goes to <c>&lt;queue&gt;-poison</c>.
/// https://github.com/Azure/azure-sdk-for-net/blob/main/sdk/storage/Microsoft.Azure.WebJobs.Extensions.Storage.Queues/src/Listeners/QueueListener.cs
/// https://github.com/Azure/azure-sdk-for-net/blob/main/sdk/storage/Microsoft.Azure.WebJobs.Extensions.Storage.Queues/src/QueueProcessor.cs
/// </summary>
internal sealed partial class QueueTriggerListener
{
    /// <summary>
    /// The host's receive lease; it renews it while a function runs longer. The local host does not renew: its
    /// functionTimeout (5 minutes here) ends an invocation first.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private readonly FunctionDefinition function;
    private readonly QueueTriggerBinding trigger;
    private readonly QueueTriggerOptions options;
    private readonly QueueClient queue;
    private readonly QueueClient poisonQueue;
    private readonly FunctionInvoker invoker;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    public QueueTriggerListener(
        FunctionDefinition function,
        QueueTriggerOptions options,
        QueueClient queue,
        QueueClient poisonQueue,
        FunctionInvoker invoker,
        TimeProvider time,
        ILogger<QueueTriggerListener> logger)
    {
        ArgumentNullException.ThrowIfNull(function);
        this.function = function;
        trigger = (QueueTriggerBinding)function.Trigger;
        this.options = options;
        this.queue = queue;
        this.poisonQueue = poisonQueue;
        this.invoker = invoker;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Polls until <paramref name="stopping"/> is cancelled, then waits for the invocations it started.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var backoff = new PollingBackoff(QueueTriggerOptions.MinimumPollingInterval, options.MaxPollingInterval);
        var processing = new List<Task>();
        bool queueReady = false;
        bool foundSinceLastDelay = false;
        while (!stopping.IsCancellationRequested)
        {
            QueueMessage[] batch;
            try
            {
                if (!queueReady)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stopping);
                    queueReady = true;
                }

                batch = (await queue.ReceiveMessagesAsync(options.BatchSize, Lease, stopping)).Value;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                // Like the host: any storage error re-checks the queue and backs off; a poller never dies of one.
                queueReady = false;
                Log.PollFailed(logger, function.Name, trigger.QueueName, exception.Message);
                await DelayAsync(backoff.Next(foundMessages: false), stopping);
                continue;
            }

            if (batch.Length == 0)
            {
                await DelayAsync(backoff.Next(foundSinceLastDelay), stopping);
                foundSinceLastDelay = false;
                continue;
            }

            foundSinceLastDelay = true;
            foreach (QueueMessage message in batch)
            {
                processing.Add(ProcessAsync(message));
            }

            // The next batch is fetched only once the invocations in flight drop to newBatchThreshold.
            processing.RemoveAll(task => task.IsCompleted);
            while (processing.Count > options.NewBatchThreshold)
            {
                processing.Remove(await Task.WhenAny(processing));
            }
        }

        await Task.WhenAll(processing);
    }

    /// <summary>Processes one received message; never throws (a failure leaves the message to reappear after its lease).</summary>
    internal async Task ProcessAsync(QueueMessage message)
    {
        await Task.Yield();
        try
        {
            // A message dequeued more often than allowed (e.g. after a crash mid-invocation) is poisoned unseen.
            if (message.DequeueCount > options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message);
                return;
            }

            if (!TryDecode(message.MessageText, out string text))
            {
                Log.DecodingFailed(logger, message.MessageId);
                await MoveToPoisonAsync(message);
                return;
            }

            byte[] envelope = QueueTriggerEnvelope.Create(function.Name, trigger.Name, text, message, time.GetUtcNow(), Guid.NewGuid());
            InvocationOutcome outcome = await invoker.InvokeAsync(function, $"New queue message detected on '{trigger.QueueName}'.", envelope, CancellationToken.None);
            if (outcome.Succeeded)
            {
                await DeleteAsync(message);
            }
            else if (message.DequeueCount >= options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, messageText: null, options.VisibilityTimeout);
            }
        }
        catch (Exception exception)
        {
            // One message that cannot be completed must not stop the others; its lease brings it back.
            Log.CompletionFailed(logger, message.MessageId, trigger.QueueName, exception.Message);
        }
    }

    /// <summary>
    /// The trigger binds a string: base64 decodes to bytes read as UTF-8; only invalid base64 fails (the Storage
    /// SDK's MessageDecodingFailed path).
    /// </summary>
    private bool TryDecode(string raw, out string text)
    {
        if (options.MessageEncoding == QueueMessageEncoding.None)
        {
            text = raw;
            return true;
        }

        byte[] buffer = new byte[raw.Length];
        if (Convert.TryFromBase64String(raw, buffer, out int written))
        {
            text = Encoding.UTF8.GetString(buffer, 0, written);
            return true;
        }

        text = string.Empty;
        return false;
    }

    private async Task MoveToPoisonAsync(QueueMessage message)
    {
        Log.MovingToPoison(logger, options.MaxDequeueCount, poisonQueue.Name, message.MessageId);

        // The original text as it was in the queue, whatever the encoding, so nothing is lost or re-encoded.
        await poisonQueue.CreateIfNotExistsAsync();
        await poisonQueue.SendMessageAsync(message.MessageText);
        await DeleteAsync(message);
    }

    private async Task DeleteAsync(QueueMessage message)
    {
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 400)
        {
            // Gone already or taken over by another receiver (pop receipt mismatch): nothing to do, like the host.
            Log.DeleteSkipped(logger, message.MessageId, exception.Message);
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, time, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Message decoding has failed! Check MessageEncoding settings. MessageId={MessageId}.")]
        public static partial void DecodingFailed(ILogger logger, string messageId);

        [LoggerMessage(2, LogLevel.Warning, "Message has reached MaxDequeueCount of {MaxDequeueCount}. Moving message to queue '{PoisonQueue}'. MessageId={MessageId}.")]
        public static partial void MovingToPoison(ILogger logger, int maxDequeueCount, string poisonQueue, string messageId);

        [LoggerMessage(3, LogLevel.Warning, "Polling queue '{Queue}' for {FunctionName} failed, backing off: {Error}")]
        public static partial void PollFailed(ILogger logger, string functionName, string queue, string error);

        [LoggerMessage(4, LogLevel.Error, "Completing message {MessageId} of queue '{Queue}' failed; it reappears when its lease ends: {Error}")]
        public static partial void CompletionFailed(ILogger logger, string messageId, string queue, string error);

        [LoggerMessage(5, LogLevel.Debug, "Message {MessageId} was not deleted: {Error}")]
        public static partial void DeleteSkipped(ILogger logger, string messageId, string error);
    }
}
