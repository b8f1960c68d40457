using System.Globalization;
using Hotline.Cases;
using Hotline.FollowUp;
using Hotline.Routing.Directory;

namespace Hotline.Routing;

/// <summary>
/// The one assignment step behind routing, transfer and reopening: <see cref="CaseRouter"/> has chosen the unit (with
/// the on-duty fallback); here the load store picks the officer among the unit's on-duty handlers, the case gets its
/// new due times, and their follow-ups are scheduled, all before the caller saves the case, so a crash leaves only
/// harmless extras (a count the next try finds again, follow-ups that find the case unchanged and do nothing).
/// </summary>
public sealed class CaseAssignment(OfficerLoadStore loads, DueTimes dueTimes)
{
    /// <summary>
    /// The case as assigned at <paramref name="now"/>: status <c>assigned</c>, the unit, the officer (none when nobody up
    /// the chain is on duty: the unit head assigns it), the acknowledgement cleared and both windows counted from now.
    /// The caller saves it with <see cref="AssignedCase.Reason"/> in its audit line, and takes the count back
    /// (<see cref="OfficerLoadStore.ReleaseAsync"/> in <see cref="AssignedCase.CountedInUnitId"/>) if it does not save it.
    /// </summary>
    public async Task<AssignedCase> AssignAsync(CaseRecord record, RoutingDecision decision, UnionDirectory directory, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(directory);
        var unit = directory.GetUnit(decision.UnitId);
        string? officerId = null;
        string officerReason;
        if (decision.IsStaffed)
        {
            var pick = await loads.AssignAsync(unit.Id, decision.HandlerIds, record.TicketId, cancellationToken);
            officerId = pick.OfficerId;
            officerReason = Describe(pick, directory.FindOfficer(pick.OfficerId)?.Name, unit.Id, decision.HandlerIds.Count);
        }
        else
        {
            officerReason = "no on-duty handler: the unit head assigns it";
        }

        var assigned = dueTimes.Set(record with
        {
            Status = CaseStatus.Assigned,
            UnitId = unit.Id,
            UnitName = unit.Name,
            OfficerId = officerId,
            AssignedAt = now,
            AcknowledgedAt = null,
        });
        await dueTimes.ScheduleAsync(assigned, cancellationToken);
        var reasons = decision.Reasons.Append(officerReason).Append(dueTimes.Describe(assigned));
        return new AssignedCase(assigned, string.Join("; ", reasons));
    }

    private static string Describe(LoadPick pick, string? name, string unitId, int handlers)
    {
        var who = name is null ? $"officer {pick.OfficerId}" : $"officer {pick.OfficerId} ({name})";
        return pick.OpenCasesBefore switch
        {
            null => $"{who}, counted for this case by an earlier try",
            { } load when handlers == 1 => $"{who} is the only on-duty handler of {unitId} ({Open(load)})",
            { } load => $"{who} has the fewest open cases ({load.ToString(CultureInfo.InvariantCulture)}) of the {handlers.ToString(CultureInfo.InvariantCulture)} on-duty handlers of {unitId}",
        };
    }

    private static string Open(int load) =>
        load == 1 ? "1 open case" : $"{load.ToString(CultureInfo.InvariantCulture)} open cases";
}
