using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Hotline.LocalHost.Configuration;
using Hotline.LocalHost.Functions;
using Hotline.LocalHost.Invocation;
using Hotline.LocalHost.Storage;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.Queues;

/// <summary>
/// Polls one queue for one function with the host's semantics: batches of batchSize under a 10-minute lease, at most
/// batchSize + newBatchThreshold invocations at once, delete on success, release with visibilityTimeout on failure,
/// and after maxDequeueCount failures (or an undecodable message) the original text goes to <c>&lt;queue&gt;-poison</c>.
/// Storage errors (Azurite gone) back off and polling resumes when it answers again.
/// https://github.com/Azure/azure-sdk-for-net/blob/main/sdk/storage/Microsoft.Azure.WebJobs.Extensions.Storage.Queues/src/Listeners/QueueListener.cs
/// https://github.com/Azure/azure-sdk-for-net/blob/main/sdk/storage/Microsoft.Azure.WebJobs.Extensions.Storage.Queues/src/QueueProcessor.cs
/// </summary>
internal sealed partial class QueueTriggerListener(
    WorkerFunction function, QueueTriggerOptions options, QueueStorage storage, FunctionInvoker invoker, TimeProvider time, ILogger<QueueTriggerListener> logger)
{
    /// <summary>The host's receive lease; it renews it for longer runs, the local host's functionTimeout ends them first.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private readonly string queueName = function.Info.QueueName!;
    private readonly string poisonQueueName = function.Info.QueueName + "-poison";

    /// <summary>Polls until <paramref name="stopping"/> is cancelled, then waits for the invocations it started.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var backoff = new PollingBackoff(QueueTriggerOptions.MinimumPollingInterval, options.MaxPollingInterval);
        var processing = new List<Task>();
        bool failing = false;
        while (!stopping.IsCancellationRequested)
        {
            QueueMessage[] batch;
            try
            {
                if (invoker.Supervisor.Current is null)
                {
                    // No worker to run them: leave the messages in the queue.
                    await DelayAsync(backoff.Next(foundMessages: false), stopping);
                    continue;
                }

                QueueClient queue = await storage.GetCreatedQueueAsync(function.Connection, queueName, stopping);
                batch = (await queue.ReceiveMessagesAsync(options.BatchSize, Lease, stopping)).Value;
                if (failing)
                {
                    failing = false;
                    Log.PollResumed(logger, function.Name, queueName);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is RequestFailedException or HttpRequestException or IOException or AggregateException or OperationCanceledException)
            {
                // Like the host: a storage error never kills the poller; it backs off and tries again.
                storage.Forget(function.Connection, queueName);
                if (!failing)
                {
                    failing = true;
                    Log.PollFailed(logger, function.Name, queueName, exception.Message);
                }

                await DelayAsync(backoff.Next(foundMessages: false), stopping);
                continue;
            }

            if (batch.Length == 0)
            {
                await DelayAsync(backoff.Next(foundMessages: false), stopping);
                continue;
            }

            backoff.Next(foundMessages: true);
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

    /// <summary>Processes one received message; never throws (a message not completed reappears after its lease).</summary>
    internal async Task ProcessAsync(QueueMessage message)
    {
        await Task.Yield();
        try
        {
            QueueClient queue = storage.GetQueue(function.Connection, queueName);

            // A message dequeued more often than allowed (e.g. after a crash mid-invocation) is poisoned unseen.
            if (message.DequeueCount > options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(queue, message);
                return;
            }

            if (!TryDecode(message.MessageText, out byte[] body))
            {
                Log.DecodingFailed(logger, message.MessageId);
                await MoveToPoisonAsync(queue, message);
                return;
            }

            var data = new TriggerData.QueueMessageData(
                message.MessageId,
                message.PopReceipt,
                body,
                message.DequeueCount,
                message.InsertedOn ?? time.GetUtcNow(),
                message.ExpiresOn ?? DateTimeOffset.MaxValue,
                message.NextVisibleOn ?? time.GetUtcNow() + Lease);
            InvocationOutcome outcome = await invoker.InvokeAsync(
                function.Name, $"New queue message detected on '{queueName}'.", (f, id) => TriggerData.Queue(f, id, data), CancellationToken.None);
            if (outcome.Succeeded)
            {
                await DeleteAsync(queue, message);
            }
            else if (message.DequeueCount >= options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(queue, message);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: options.VisibilityTimeout);
            }
        }
        catch (Exception exception) when (exception is RequestFailedException or HttpRequestException or IOException or AggregateException or OperationCanceledException)
        {
            // One message that cannot be completed must not stop the others; its lease brings it back.
            Log.CompletionFailed(logger, message.MessageId, queueName, exception.Message);
        }
    }

    /// <summary>Base64 decodes to the message bytes; only invalid base64 fails (the SDK's MessageDecodingFailed path).</summary>
    private bool TryDecode(string raw, out byte[] body)
    {
        if (!options.Base64Encoding)
        {
            body = System.Text.Encoding.UTF8.GetBytes(raw);
            return true;
        }

        byte[] buffer = new byte[raw.Length];
        if (Convert.TryFromBase64String(raw, buffer, out int written))
        {
            body = buffer[..written];
            return true;
        }

        body = [];
        return false;
    }

    private async Task MoveToPoisonAsync(QueueClient queue, QueueMessage message)
    {
        Log.MovingToPoison(logger, options.MaxDequeueCount, poisonQueueName, message.MessageId);

        // The original text as it was in the queue, so nothing is lost or re-encoded.
        QueueClient poison = await storage.GetCreatedQueueAsync(function.Connection, poisonQueueName, CancellationToken.None);
        await poison.SendMessageAsync(message.MessageText);
        await DeleteAsync(queue, message);
    }

    private async Task DeleteAsync(QueueClient queue, QueueMessage message)
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

        [LoggerMessage(3, LogLevel.Warning, "Polling queue '{Queue}' for {FunctionName} failed, backing off until storage answers: {Error}")]
        public static partial void PollFailed(ILogger logger, string functionName, string queue, string error);

        [LoggerMessage(4, LogLevel.Error, "Completing message {MessageId} of queue '{Queue}' failed; it reappears when its lease ends: {Error}")]
        public static partial void CompletionFailed(ILogger logger, string messageId, string queue, string error);

        [LoggerMessage(5, LogLevel.Debug, "Message {MessageId} was not deleted: {Error}")]
        public static partial void DeleteSkipped(ILogger logger, string messageId, string error);

        [LoggerMessage(6, LogLevel.Information, "Polling queue '{Queue}' for {FunctionName} works again")]
        public static partial void PollResumed(ILogger logger, string functionName, string queue);
    }
}
