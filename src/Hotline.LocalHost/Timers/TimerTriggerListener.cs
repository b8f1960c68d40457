using System.Globalization;
using Hotline.LocalHost.Clock;
using Hotline.LocalHost.Functions;
using Hotline.LocalHost.Invocation;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.Timers;

/// <summary>
/// Fires one timer function on its NCRONTAB schedule (UTC), with the host's rules: one run at a time, runOnStartup
/// honoured, a failure logged and not retried, and the schedule status passed in the TimerInfo when monitored.
/// https://github.com/Azure/azure-webjobs-sdk-extensions/blob/dev/src/WebJobs.Extensions/Extensions/Timers/Listener/TimerListener.cs
/// </summary>
internal sealed partial class TimerTriggerListener : IDisposable
{
    /// <summary>TimeProvider timers take at most ~49 days; longer waits are done in steps.</summary>
    private static readonly TimeSpan MaxDelayStep = TimeSpan.FromDays(1);

    private readonly WorkerFunction function;
    private readonly CronTimerSchedule schedule;
    private readonly FunctionInvoker invoker;
    private readonly TimeProvider time;
    private readonly MovedClock? movedClock;
    private readonly ILogger logger;
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private readonly bool monitored;
    private ScheduleStatus status;
    private bool movedPastDuringRun;

    public TimerTriggerListener(WorkerFunction function, FunctionInvoker invoker, TimeProvider time, ILogger<TimerTriggerListener> logger)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(time);
        this.function = function;
        schedule = CronTimerSchedule.Parse(function.Info.Schedule!);
        this.invoker = invoker;
        this.time = time;
        movedClock = time as MovedClock;
        this.logger = logger;
        DateTimeOffset now = time.GetUtcNow();
        monitored = function.UseMonitor ?? schedule.RecursAtLeastEveryMinute(now);
        status = new ScheduleStatus(Last: null, Next: schedule.NextAfter(now), LastUpdated: null);
    }

    public string FunctionName => function.Name;

    public CronTimerSchedule Schedule => schedule;

    /// <summary>The next scheduled occurrence; null when the schedule never fires again.</summary>
    public DateTimeOffset? NextOccurrence => status.Next;

    public async Task RunAsync(CancellationToken stopping)
    {
        Log.Scheduled(logger, function.Name, schedule.Expression, FormatOccurrences(5));
        try
        {
            if (function.RunOnStartup)
            {
                await InvokeAsync("RunOnStartup", occurrence: null, isPastDue: false, updateStatus: true, stopping);
            }

            while (status.Next is { } next)
            {
                bool pastDue = await DelayUntilAsync(next, stopping) || movedPastDuringRun;
                if (pastDue)
                {
                    Log.PastDue(logger, function.Name, next.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                }

                await InvokeAsync($"Timer fired at {time.GetUtcNow().ToString("o", CultureInfo.InvariantCulture)}", next, pastDue, updateStatus: true, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// An invocation through the admin API: it waits for a running one to finish and, like the host, leaves the
    /// schedule status unchanged.
    /// </summary>
    public Task<InvocationOutcome> InvokeManuallyAsync(CancellationToken cancellationToken) =>
        InvokeAsync("This function was programmatically called via the host APIs.", occurrence: null, isPastDue: false, updateStatus: false, cancellationToken);

    public void Dispose() => oneAtATime.Dispose();

    private async Task<InvocationOutcome> InvokeAsync(string reason, DateTimeOffset? occurrence, bool isPastDue, bool updateStatus, CancellationToken cancellationToken)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            int movesBefore = movedClock?.Moves ?? 0;
            DateTimeOffset invoked = time.GetUtcNow();
            ScheduleStatus? passed = monitored ? status : null;

            // A failed run is already logged by the invoker; timers are not retried and run again at the next occurrence.
            InvocationOutcome outcome = await invoker.InvokeAsync(
                function.Name, reason, (f, id) => TriggerData.Timer(f, id, passed, isPastDue), CancellationToken.None);
            if (updateStatus)
            {
                // As the host does: a timer that fired a little early counts as having run at its occurrence, so the
                // same occurrence is never scheduled twice; a slow run skips the occurrences it overran.
                DateTimeOffset last = occurrence is { } scheduled && scheduled > invoked ? scheduled : invoked;
                DateTimeOffset finished = time.GetUtcNow();
                DateTimeOffset after = finished > last ? finished : last;

                // A clock moved during the run past an occurrence fires once more at once, past due, like a move
                // while the timer waits; time that merely ran on during a slow run skips its occurrences (above).
                DateTimeOffset? following = schedule.NextAfter(last);
                movedPastDuringRun = movedClock is not null && movedClock.Moves != movesBefore && following <= finished;
                status = new ScheduleStatus(last, movedPastDuringRun ? following : schedule.NextAfter(after), last);
            }

            return outcome;
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    /// <summary>
    /// Waits until the clock reaches <paramref name="due"/>; true when a move of the local run's clock, not time,
    /// carried it there (the occurrence was missed: the run is past due, as the host's schedule monitor reports a
    /// schedule missed while the app was down).
    /// </summary>
    private async Task<bool> DelayUntilAsync(DateTimeOffset due, CancellationToken stopping)
    {
        bool moved = false;
        while (true)
        {
            // Taken before the clock is read, so a move between the two still wakes the wait.
            CancellationToken nextMove = movedClock?.NextMove ?? CancellationToken.None;
            TimeSpan remaining = due - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return moved;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping, nextMove);
            try
            {
                await Task.Delay(remaining < MaxDelayStep ? remaining : MaxDelayStep, time, wait.Token);
                moved = false;
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                moved = true;
            }
        }
    }

    private string FormatOccurrences(int count)
    {
        var occurrences = new List<string>();
        DateTimeOffset? next = status.Next;
        while (next is { } occurrence && occurrences.Count < count)
        {
            occurrences.Add(occurrence.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            next = schedule.NextAfter(occurrence);
        }

        return string.Join(", ", occurrences);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "{FunctionName}: schedule '{Schedule}' (UTC), next occurrences: {Occurrences}")]
        public static partial void Scheduled(ILogger logger, string functionName, string schedule, string occurrences);

        [LoggerMessage(2, LogLevel.Information, "{FunctionName} is past due: the clock was moved past its occurrence {Occurrence}. Executing now.")]
        public static partial void PastDue(ILogger logger, string functionName, string occurrence);
    }
}
