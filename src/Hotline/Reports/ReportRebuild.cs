using Hotline.Cases;
using Hotline.Open311;

namespace Hotline.Reports;

/// <summary>
/// Counts again every case received on the given China days, as it stands: the repair for a change the report
/// missed on a case that will not change again (a closed one). The days' cases come from the <c>receiveddays</c>
/// index, never from a scan of cases; projecting is idempotent, so a rebuild changes only what was wrong.
/// </summary>
public sealed class ReportRebuild(ReceivedDayIndex receivedDays, CaseStore cases, ReportProjection projection)
{
    /// <summary>A month per request keeps one request well inside the HTTP timeout on a busy hotline.</summary>
    public const int MaxDays = 31;

    private const int Parallelism = 16;

    public async Task<int> RebuildAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var counted = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
            var tickets = await receivedDays.ReceivedOnAsync(day, start, start.AddDays(1).AddTicks(-1), cancellationToken);
            await Parallel.ForEachAsync(tickets, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (ticket, ct) =>
            {
                if (await cases.GetAsync(ticket, ct) is { Record: var record })
                {
                    await projection.ProjectAsync(record);
                    Interlocked.Increment(ref counted);
                }
            });
        }

        return counted;
    }
}
