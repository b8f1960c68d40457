using Hotline.Cases;
using Hotline.Routing.Directory;

namespace Hotline.Officers;

/// <summary>Who may do what with a case (SPEC "HTTP API": an officer acts only on cases assigned to them, a unit head on any case of the unit).</summary>
public static class CaseAccess
{
    /// <summary>Acknowledge, resolve, mark, transfer: the assigned officer, or a head of the case's unit.</summary>
    public static bool CanAct(UnionOfficer officer, CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(record);
        return record.OfficerId == officer.Id
            || (officer.Role == OfficerRole.Head && record.UnitId is not null && officer.UnitId == record.UnitId);
    }

    /// <summary>
    /// The audit trail: the assigned officer, any officer of the case's unit, and the heads of the units above it,
    /// who answer for what happens below them (督办).
    /// </summary>
    public static bool CanReadHistory(UnionDirectory directory, UnionOfficer officer, CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(record);
        if (record.OfficerId == officer.Id || (record.UnitId is not null && officer.UnitId == record.UnitId))
        {
            return true;
        }

        // A unit dropped from the directory since the case was routed has no ancestors left to ask.
        return officer.Role == OfficerRole.Head
            && record.UnitId is not null
            && directory.FindUnit(record.UnitId) is not null
            && directory.IsSelfOrAncestor(officer.UnitId, record.UnitId);
    }

    /// <summary>A task list: the officer's own, or one of their unit's officers' for a head.</summary>
    public static bool CanSeeTasks(UnionDirectory directory, UnionOfficer officer, string officerId)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(officer);
        return officer.Id == officerId
            || (officer.Role == OfficerRole.Head && directory.FindOfficer(officerId) is { } other && other.UnitId == officer.UnitId);
    }
}
