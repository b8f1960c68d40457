using Hotline.Cases;
using Hotline.Officers;
using Hotline.Routing.Directory;
using Hotline.Sms;
using Hotline.Sms.Recipes;
using Hotline.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Hotline.Routing;

/// <summary>
/// The RouteCase queue function: gives a received case to a unit (<see cref="CaseRouter"/>) and an officer with its
/// due times (<see cref="CaseAssignment"/>), and texts the officer. Safe to run twice for one case: a routed case is not routed again, the officer
/// load counts the case once, and the texts carry keys that SendSms sends once.
/// </summary>
public sealed partial class RouteCaseFunction(
    CaseStore cases,
    DirectoryProvider directories,
    CaseAssignment assignment,
    OfficerTaskIndex officerTasks,
    SmsNotifications sms,
    IOptions<RoutingOptions> routingOptions,
    TimeProvider time,
    ILogger<RouteCaseFunction> logger)
{
    private const int MaxAttempts = 5;

    /// <summary>A message the worker cannot bind, or whose ticket id is not one, fails: the host poison-queues it.</summary>
    [Function(nameof(RouteCase))]
    public async Task RouteCase([QueueTrigger(HotlineStorage.CaseRoutingQueue)] RouteCaseMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var ticketId = TicketId.Normalize(message.TicketId)
            ?? throw new InvalidOperationException("The case-routing message has no valid ticketId.");
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["TicketId"] = ticketId });

        for (var attempt = 1; ; attempt++)
        {
            var found = await cases.GetAsync(ticketId, cancellationToken)
                ?? throw new InvalidOperationException($"Case {ticketId} does not exist.");
            var (record, etag) = found;
            if (record.Status != CaseStatus.Received)
            {
                // Routed by an earlier attempt that may have stopped before the texts were queued: queue them again
                // (their keys make that harmless). A case that has moved on since needs no assignment texts.
                if (record.Status == CaseStatus.Assigned)
                {
                    await NotifyAsync(record, await directories.GetAsync(cancellationToken), cancellationToken);
                }

                return;
            }

            var directory = await directories.GetAsync(cancellationToken);
            var defaultUnitId = routingOptions.Value.DefaultUnitId;
            var decision = CaseRouter.Route(directory, record.Region, record.Category, defaultUnitId);
            if (decision.Basis == RoutingBasis.Default && directory.FindUnit(defaultUnitId ?? "") is null)
            {
                // The directory was replaced without the unit the admin chose: the case still goes somewhere, loudly.
                LogDefaultUnitMissing(logger, ticketId, defaultUnitId ?? "", decision.UnitId);
            }

            var now = time.GetUtcNow();
            var (routed, reason) = await assignment.AssignAsync(record, decision, directory, now, cancellationToken);
            try
            {
                // A crash before this update leaves the case in "received" for the retry, which finds the same count.
                await cases.UpdateAsync(routed, etag, new AuditEntry(now, AuditEntry.SystemActor, "assigned", record.Status, CaseStatus.Assigned, reason), cancellationToken);
            }
            catch (CaseConcurrencyException) when (attempt < MaxAttempts)
            {
                continue;
            }

            LogRouted(logger, ticketId, routed.UnitId!, routed.OfficerId ?? "-");
            await NotifyAsync(routed, directory, cancellationToken);
            return;
        }
    }

    private async Task NotifyAsync(CaseRecord record, UnionDirectory directory, CancellationToken cancellationToken)
    {
        // The officer's task list and the caller's text follow every assignment, on a re-run too: both are idempotent.
        await officerTasks.TrackAsync(record, cancellationToken);
        await sms.EnqueueAsync(SmsRecipes.CaseAssigned, record, cancellationToken);
        await sms.EnqueueAsync(SmsRecipes.OfficerTask, new CaseTask(record, directory, AssignmentRound.Routed), cancellationToken);
        if (record.Priority == CasePriority.MajorIncident)
        {
            await sms.EnqueueAsync(SmsRecipes.MajorIncident, new CaseAlert(record, directory), cancellationToken);
            LogMajorIncident(logger, record.TicketId, record.UnitId!);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Major incident {TicketId} escalated to the heads and contacts of unit {UnitId}")]
    private static partial void LogMajorIncident(ILogger logger, string ticketId, string unitId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {TicketId}: the default unit '{DefaultUnitId}' (Hotline:Routing:DefaultUnitId) is not in the directory in use; routed to {UnitId} instead")]
    private static partial void LogDefaultUnitMissing(ILogger logger, string ticketId, string defaultUnitId, string unitId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {TicketId} assigned to unit {UnitId}, officer {OfficerId}")]
    private static partial void LogRouted(ILogger logger, string ticketId, string unitId, string officerId);
}
