using Hotline.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Hotline.FollowUp;

/// <summary>
/// The RunFollowUp queue function: does one due follow-up with the handler of its kind, then removes its row. A row
/// already gone (done by an earlier delivery) is nothing to do. A handler that fails leaves the row, so the message
/// is retried by the host and, after its claim runs out, the sweep dispatches the row again.
/// </summary>
public sealed partial class RunFollowUpFunction(
    FollowUpIndex followUps,
    IEnumerable<IFollowUpHandler> handlers,
    ILogger<RunFollowUpFunction> logger)
{
    private readonly Dictionary<string, IFollowUpHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);

    /// <summary>A message without kind and row key, or of a kind nobody handles, fails: the host poison-queues it.</summary>
    [Function(nameof(RunFollowUp))]
    public async Task RunFollowUp([QueueTrigger(HotlineStorage.FollowUpQueue)] FollowUpMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrEmpty(message.Kind) || string.IsNullOrEmpty(message.RowKey))
        {
            throw new InvalidOperationException("The follow-ups message lacks kind or rowKey.");
        }

        var handler = _handlers.GetValueOrDefault(message.Kind)
            ?? throw new InvalidOperationException($"No follow-up handler for kind '{message.Kind}'.");
        if (await followUps.GetAsync(message.Kind, message.RowKey, cancellationToken) is not { } due)
        {
            LogAlreadyDone(logger, message.Kind, message.RowKey);
            return;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["FollowUp"] = message.Kind, ["Subject"] = due.Subject });
        await handler.HandleAsync(due, cancellationToken);
        await followUps.RemoveAsync(due, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Follow-up {Kind}/{RowKey} was already done")]
    private static partial void LogAlreadyDone(ILogger logger, string kind, string rowKey);
}
