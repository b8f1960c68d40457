using Azure;
using Hotline.Cases;

namespace Hotline.Reports;

/// <summary>
/// Keeps the report's aggregate in step with the cases: <see cref="CaseStore"/> calls it after every saved change,
/// with the case as saved. It writes the case's keys first (<see cref="CaseReportKeys"/>), then sets the case's
/// contribution in every (unit, day) it counts in now or did before, and its row on every unit's open list. Each
/// step is idempotent, so running it again for the same revision, or for a later one, leaves the figures exact.
/// A failure here does not undo the saved change: it is logged, and the case's next change projects it again
/// (docs/decisions.md, "The report's aggregate").
/// </summary>
public sealed partial class ReportProjection(CaseReportKeys keys, UnitDayTable days, OpenCaseTable open, ILogger<ReportProjection> logger)
{
    public async Task ProjectAsync(CaseRecord saved)
    {
        ArgumentNullException.ThrowIfNull(saved);

        // After the case is saved the rest runs to the end, whatever the request's caller does.
        var afterCommit = CancellationToken.None;
        try
        {
            var facts = CaseFacts.Project(saved);
            var openCase = CaseFacts.Open(saved);
            var (allDays, openUnits) = await keys.AddAsync(saved.TicketId, facts.Keys, openCase?.UnitId, afterCommit);
            var none = new ReportCounts();
            await Task.WhenAll(
                allDays.Select(day => days.SetAsync(day, saved.TicketId, saved.Revision, facts.GetValueOrDefault(day) ?? none, afterCommit))
                    .Concat(openUnits.Select(unit => open.SetAsync(unit, saved.TicketId, saved.Revision, unit == openCase?.UnitId ? openCase : null, afterCommit))));
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or TimeoutException)
        {
            // Storage down, a timeout, or a day too contended to take its turn: never fail the change already saved.
            LogProjectionFailed(logger, e, saved.TicketId, saved.Revision);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The report could not count case {TicketId} at revision {Revision}; its next change counts it again")]
    private static partial void LogProjectionFailed(ILogger logger, Exception exception, string ticketId, int revision);
}
