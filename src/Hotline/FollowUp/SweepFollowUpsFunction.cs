using Hotline.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Hotline.FollowUp;

/// <summary>
/// The SweepFollowUps timer function: the one due-check loop for every kind of follow-up. Each run reads, per kind,
/// only the rows due by now (a range query on the due time, never a scan of cases), claims each row and puts it on
/// the follow-ups queue, where RunFollowUp instances share the work. The run itself does no follow-up work, so it
/// stays short however much is due; what does not fit in one run waits for the next.
/// </summary>
public sealed partial class SweepFollowUpsFunction(
    FollowUpIndex followUps,
    FollowUpQueue queue,
    IEnumerable<IFollowUpHandler> handlers,
    IOptions<FollowUpOptions> options,
    TimeProvider time,
    ILogger<SweepFollowUpsFunction> logger)
{
    private readonly IFollowUpHandler[] _handlers = handlers.ToArray();

    [Function(nameof(SweepFollowUps))]
    public async Task SweepFollowUps([TimerTrigger("0 * * * * *", UseMonitor = true)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        foreach (var handler in _handlers)
        {
            var kind = handler.Kind;
            var max = Math.Min(settings.MaxFollowUpsPerRun, handler.MaxPerRun ?? int.MaxValue);
            var due = await followUps.GetDueAsync(kind, now, max, cancellationToken);
            var dispatched = 0;
            await Parallel.ForEachAsync(
                due.Where(d => d.ClaimedUntil is not { } claimed || claimed <= now),
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (row, token) =>
                {
                    // A second sweep (a timer run twice, two instances) loses the claim and dispatches nothing.
                    if (await followUps.TryClaimAsync(row, now + settings.DispatchClaim, token))
                    {
                        await queue.SendAsync(new FollowUpMessage(row.Kind, row.RowKey), token);
                        Interlocked.Increment(ref dispatched);
                    }
                });

            if (dispatched > 0)
            {
                LogDispatched(logger, dispatched, kind, due.Count == max);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatched {Count} due follow-up(s) of kind {Kind} (more waiting: {MoreWaiting})")]
    private static partial void LogDispatched(ILogger logger, int count, string kind, bool moreWaiting);
}
