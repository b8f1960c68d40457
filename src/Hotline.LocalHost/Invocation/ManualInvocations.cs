using Hotline.LocalHost.Configuration;
using Hotline.LocalHost.Timers;

namespace Hotline.LocalHost.Invocation;

/// <summary>Starts invocations asked for through the admin API: timers through their listener (one run at a time), queue functions with the input as message text.</summary>
internal sealed class ManualInvocations
{
    private readonly IReadOnlyDictionary<string, TimerTriggerListener> timers;
    private readonly FunctionInvoker invoker;
    private readonly InvocationTracker tracker;
    private readonly TimeProvider time;

    public ManualInvocations(IReadOnlyDictionary<string, TimerTriggerListener> timers, FunctionInvoker invoker, InvocationTracker tracker, TimeProvider time)
    {
        this.timers = timers;
        this.invoker = invoker;
        this.tracker = tracker;
        this.time = time;
    }

    /// <summary>False for HTTP functions, which are invoked at their URL.</summary>
    public bool TryStart(FunctionDefinition function, string? input)
    {
        ArgumentNullException.ThrowIfNull(function);
        switch (function.Trigger)
        {
            case TimerTriggerBinding when timers.TryGetValue(function.Name, out TimerTriggerListener? timer):
                tracker.Start(timer.InvokeManuallyAsync);
                return true;
            case QueueTriggerBinding queue:
                byte[] envelope = QueueTriggerEnvelope.CreateManual(function.Name, queue.Name, input ?? string.Empty, time.GetUtcNow(), Guid.NewGuid());
                tracker.Start(cancellationToken => invoker.InvokeAsync(
                    function, "This function was programmatically called via the host APIs.", envelope, cancellationToken));
                return true;
            default:
                return false;
        }
    }
}
