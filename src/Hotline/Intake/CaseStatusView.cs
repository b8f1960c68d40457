namespace Hotline.Intake;

/// <summary>What a caller sees of their case: nothing about other people, not even the officer's name.</summary>
public sealed record CaseStatusView(
    string TicketId,
    string Status,
    string Category,
    string? UnitName,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt);
