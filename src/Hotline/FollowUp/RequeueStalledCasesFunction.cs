using Hotline.Cases;
using Hotline.Hosting;
using Hotline.Routing;
using Microsoft.Extensions.Options;

namespace Hotline.FollowUp;

/// <summary>
/// The RequeueStalledCases timer function. Intake schedules a routing check for every case before storing it; when
/// the check falls due and the case is still <c>received</c> (its routing message was lost, or the caller got an
/// error after the case was stored), the routing message is queued again. A routed case just drops its check. After
/// <see cref="FollowUpOptions.MaxRoutingRequeues"/> tries the case is logged as an error for a person to look at.
/// </summary>
public sealed partial class RequeueStalledCasesFunction(
    FollowUpIndex followUps,
    CaseStore cases,
    CaseRoutingQueue routing,
    IOptions<FollowUpOptions> options,
    TimeProvider time,
    ILogger<RequeueStalledCasesFunction> logger)
{
    public async Task<InvocationResult> RunAsync(InvocationRequest invocation, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await followUps.GetDueAsync(FollowUpIndex.RoutingCheck, now, options.Value.MaxRemindersPerRun, cancellationToken);
        var requeued = 0;
        foreach (var check in due)
        {
            var found = await cases.GetAsync(check.TicketId, cancellationToken);
            if (found is { Record.Status: CaseStatus.Received })
            {
                if (check.Attempt < options.Value.MaxRoutingRequeues)
                {
                    await routing.SendAsync(new RouteCaseMessage(check.TicketId), delay: null, cancellationToken);
                    await followUps.ScheduleAsync(FollowUpIndex.RoutingCheck, check.TicketId, now + options.Value.RoutingGrace, cancellationToken, check.Attempt + 1);
                    requeued++;
                    LogRequeued(logger, check.TicketId, check.Attempt + 1);
                }
                else
                {
                    LogGaveUp(logger, check.TicketId, check.Attempt);
                }
            }

            await followUps.RemoveAsync(check, cancellationToken);
        }

        return InvocationResult.WithLogs($"{due.Count} due, {requeued} queued again");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {TicketId} was still not routed; routing queued again (try {Attempt})")]
    private static partial void LogRequeued(ILogger logger, string ticketId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Case {TicketId} could not be routed after {Attempts} requeues; see the case-routing-poison queue")]
    private static partial void LogGaveUp(ILogger logger, string ticketId, int attempts);
}
