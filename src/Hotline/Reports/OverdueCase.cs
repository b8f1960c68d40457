namespace Hotline.Reports;

/// <summary>An open case past a due time now: which one (<c>acknowledgement</c> or <c>resolution</c>) and when it was.</summary>
public sealed record OverdueCase(
    string TicketId,
    string UnitId,
    string? UnitName,
    string Status,
    string Category,
    string Priority,
    string Overdue,
    DateTimeOffset DueAt,
    DateTimeOffset ReceivedAt);
