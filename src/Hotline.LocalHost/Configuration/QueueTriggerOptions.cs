using Azure.Storage.Queues;

namespace Hotline.LocalHost.Configuration;

/// <summary>
/// host.json <c>extensions.queues</c> with the host's defaults.
/// https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue#host-json
/// </summary>
internal sealed record QueueTriggerOptions(
    TimeSpan MaxPollingInterval,
    TimeSpan VisibilityTimeout,
    int BatchSize,
    int NewBatchThreshold,
    int MaxDequeueCount,
    QueueMessageEncoding MessageEncoding)
{
    /// <summary>The host's floor for the polling interval (QueuePollingIntervals.Minimum).</summary>
    public static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    public const int MaxBatchSize = 32;

    public static QueueTriggerOptions Default { get; } = new(
        MaxPollingInterval: TimeSpan.FromMinutes(1),
        VisibilityTimeout: TimeSpan.Zero,
        BatchSize: 16,
        NewBatchThreshold: 8,
        MaxDequeueCount: 5,
        MessageEncoding: QueueMessageEncoding.Base64);

    /// <summary>How many invocations one queue function may have running at once on one instance.</summary>
    public int MaxConcurrentInvocations => BatchSize + NewBatchThreshold;
}
