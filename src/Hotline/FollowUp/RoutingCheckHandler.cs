using Hotline.Cases;
using Hotline.Routing;
using Microsoft.Extensions.Options;

namespace Hotline.FollowUp;

/// <summary>
/// Intake schedules a routing check for every case before storing it; when the check falls due and the case is still
/// <c>received</c> (its routing message was lost, or the caller got an error after the case was stored), the routing
/// message is queued again. A routed case just drops its check. After <see cref="FollowUpOptions.MaxRoutingRequeues"/>
/// tries the case is logged as an error for a person to look at.
/// </summary>
public sealed partial class RoutingCheckHandler(
    FollowUpIndex followUps,
    CaseStore cases,
    CaseRoutingQueue routing,
    IOptions<FollowUpOptions> options,
    TimeProvider time,
    ILogger<RoutingCheckHandler> logger) : IFollowUpHandler
{
    public string Kind => FollowUpIndex.RoutingCheck;

    public async Task HandleAsync(DueFollowUp due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        if (await cases.GetAsync(due.Subject, cancellationToken) is not { Record.Status: CaseStatus.Received })
        {
            return;
        }

        if (due.Attempt >= options.Value.MaxRoutingRequeues)
        {
            LogGaveUp(logger, due.Subject, due.Attempt);
            return;
        }

        await routing.SendAsync(new RouteCaseMessage(due.Subject), delay: null, cancellationToken);
        await followUps.ScheduleAsync(Kind, due.Subject, time.GetUtcNow() + options.Value.RoutingGrace, cancellationToken, due.Attempt + 1);
        LogRequeued(logger, due.Subject, due.Attempt + 1);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {TicketId} was still not routed; routing queued again (try {Attempt})")]
    private static partial void LogRequeued(ILogger logger, string ticketId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Case {TicketId} could not be routed after {Attempts} requeues; see the case-routing-poison queue")]
    private static partial void LogGaveUp(ILogger logger, string ticketId, int attempts);
}
