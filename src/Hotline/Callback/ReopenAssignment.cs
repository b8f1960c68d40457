using Hotline.Cases;
using Hotline.FollowUp;
using Hotline.Routing;
using Hotline.Routing.Directory;
using Microsoft.Extensions.Options;

namespace Hotline.Callback;

/// <summary>
/// Gives a reopened case to an officer of the unit that had it, as routing gives a new case: the unit's on-duty
/// handlers (or its parent's, when nobody is on duty), the least loaded by the load store, and the acknowledgement
/// check scheduled with a new due time before the case is saved (a crash after it leaves a harmless extra check).
/// One method, so the shared assignment step (due times for every window) can take its place.
/// </summary>
public sealed class ReopenAssignment(
    OfficerLoadStore loads,
    FollowUpIndex followUps,
    IOptions<FollowUpOptions> followUpOptions,
    IOptions<RoutingOptions> routingOptions)
{
    private static readonly IReadOnlyDictionary<string, int> NoLoads = new Dictionary<string, int>();

    /// <summary>The case as assigned again (not yet saved), why, and the unit whose load now counts it (to take back if the save fails).</summary>
    public sealed record Assigned(CaseRecord Record, string Reason, string? CountedIn);

    public async Task<Assigned> AssignAsync(CaseRecord record, UnionDirectory directory, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(directory);

        // The unit may have left the directory since (an admin replaced it): then the case is routed afresh.
        var routed = record.UnitId is { } unitId && directory.FindUnit(unitId) is not null
            ? CaseRouter.RouteToUnit(directory, unitId, NoLoads)
            : CaseRouter.Route(directory, record.Region, record.Category, NoLoads, routingOptions.Value.DefaultUnitId);
        var unit = directory.GetUnit(routed.UnitId);
        var handlers = directory.OnDutyHandlersOf(unit.Id).Select(o => o.Id).ToList();
        var officerId = handlers.Count == 0 ? null : await loads.AssignAsync(unit.Id, handlers, record.TicketId, cancellationToken);

        var due = now + followUpOptions.Value.AcknowledgementWindow(record.Priority);
        await followUps.ScheduleAsync(FollowUpIndex.AcknowledgementCheck, record.TicketId, due, cancellationToken);

        // The router's own officer pick (its last reason) was made without loads; the load store chose for real.
        var unitReasons = routed.OfficerId is null ? routed.Reasons : routed.Reasons.Take(routed.Reasons.Count - 1);
        var reason = $"to {unit.Id}/{officerId ?? "-"} ({string.Join("; ", unitReasons)})";
        return new Assigned(
            record with
            {
                Status = CaseStatus.Assigned,
                UnitId = unit.Id,
                UnitName = unit.Name,
                OfficerId = officerId,
                AssignedAt = now,
                AcknowledgementDueAt = due,
                AcknowledgedAt = null,
                ResolvedAt = null,
            },
            reason,
            officerId is null ? null : unit.Id);
    }
}
