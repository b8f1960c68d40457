using Hotline.LocalHost.Functions;
using Hotline.LocalHost.Timers;

namespace Hotline.LocalHost.Invocation;

/// <summary>
/// Runs a queue or timer function at once, without polling: timers through their listener (one run at a time, the
/// schedule status unchanged), queue functions with the text as a message that never was in a queue.
/// </summary>
internal sealed class ManualInvocations(FunctionInvoker invoker, IReadOnlyDictionary<string, TimerTriggerListener> timers, TimeProvider time)
{
    public const string Reason = "This function was programmatically called via the host APIs.";

    public async Task<InvocationOutcome> InvokeAsync(WorkerFunction function, string? input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        switch (function.Info.Trigger)
        {
            case FunctionTriggerKind.Timer when timers.TryGetValue(function.Name, out TimerTriggerListener? timer):
                return await timer.InvokeManuallyAsync(cancellationToken);
            case FunctionTriggerKind.Timer:
                return await invoker.InvokeAsync(function.Name, Reason, (f, id) => TriggerData.Timer(f, id, status: null, isPastDue: false), cancellationToken);
            case FunctionTriggerKind.Queue:
                DateTimeOffset now = time.GetUtcNow();
                var message = new TriggerData.QueueMessageData(
                    Guid.NewGuid().ToString(), string.Empty, System.Text.Encoding.UTF8.GetBytes(input ?? string.Empty), 1, now, now.AddDays(7), now);
                return await invoker.InvokeAsync(function.Name, Reason, (f, id) => TriggerData.Queue(f, id, message), cancellationToken);
            default:
                throw new InvalidOperationException($"'{function.Name}' is an HTTP function: call its URL instead.");
        }
    }
}
