using Hotline.Cases;

namespace Hotline.Officers;

/// <summary>The case as an officer's action left it. Officers may see who handles it; the caller's phone is left out.</summary>
public sealed record OfficerCaseView(
    string TicketId,
    string Status,
    string? UnitId,
    string? UnitName,
    string? OfficerId,
    string Category,
    string Priority,
    string? Complexity,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? AcknowledgementDueAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolutionDueAt,
    DateTimeOffset? ResolvedAt,
    int Revision)
{
    public static OfficerCaseView Of(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(
            record.TicketId, record.Status, record.UnitId, record.UnitName, record.OfficerId, record.Category, record.Priority, record.Complexity,
            record.AssignedAt, record.AcknowledgementDueAt, record.AcknowledgedAt, record.ResolutionDueAt, record.ResolvedAt, record.Revision);
    }
}
