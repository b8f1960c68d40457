using System.Diagnostics;
using Hotline.LocalHost.Functions;
using Hotline.LocalHost.Rpc;
using Hotline.LocalHost.Worker;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.Invocation;

/// <summary>
/// Runs one non-HTTP invocation on the worker in service: the host's Executing/Executed lines, functionTimeout
/// (InvocationCancel when it passes), and the queue outputs written before the invocation counts as a success.
/// </summary>
internal sealed class FunctionInvoker(WorkerSupervisor supervisor, OutputBindingWriter outputs, InvocationTracker tracker, TimeSpan? functionTimeout, ILogger<FunctionInvoker> logger)
{
    public WorkerSupervisor Supervisor => supervisor;

    public async Task<InvocationOutcome> InvokeAsync(
        string functionName, string reason, Func<WorkerFunction, string, InvocationRequest> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        string invocationId = Guid.NewGuid().ToString();
        if (supervisor.Current is not { } worker)
        {
            return InvocationOutcome.Failure(invocationId, supervisor.Status);
        }

        if (worker.Catalog.Find(functionName) is not { } function)
        {
            return InvocationOutcome.Failure(invocationId, $"There is no function '{functionName}'.");
        }

        if (worker.LoadErrors.TryGetValue(function.FunctionId, out string? loadError))
        {
            return InvocationOutcome.Failure(invocationId, loadError);
        }

        using IDisposable running = tracker.Begin();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, tracker.Aborted);
        if (functionTimeout is { } timeout)
        {
            limit.CancelAfter(timeout);
        }

        ExecutionLog.Executing(logger, function.Name, reason, invocationId);
        long started = Stopwatch.GetTimestamp();
        InvocationOutcome outcome;
        try
        {
            InvocationResponse response = await worker.Connection.InvokeAsync(build(function, invocationId), limit.Token);
            if (response.Result?.Status == StatusResult.Types.Status.Success)
            {
                await outputs.WriteAsync(function, response, CancellationToken.None);
                outcome = InvocationOutcome.Success(invocationId);
            }
            else
            {
                outcome = InvocationOutcome.Failure(invocationId, WorkerSupervisor.Describe(response.Result));
            }
        }
        catch (WorkerGoneException exception)
        {
            outcome = InvocationOutcome.Failure(invocationId, exception.Message);
        }
        catch (Exception exception) when (exception is Azure.RequestFailedException or HttpRequestException or IOException)
        {
            // The function ran, but its outputs could not be written: a failure, so a queue message is retried.
            outcome = InvocationOutcome.Failure(invocationId, "Writing the output bindings failed: " + exception.Message);
        }

        long elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (outcome.Succeeded)
        {
            ExecutionLog.Succeeded(logger, function.Name, invocationId, elapsed);
        }
        else
        {
            ExecutionLog.Failed(logger, function.Name, invocationId, elapsed, PhoneNumbers.Mask(outcome.FailureMessage ?? string.Empty));
        }

        return outcome;
    }
}
