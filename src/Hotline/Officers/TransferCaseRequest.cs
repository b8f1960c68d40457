namespace Hotline.Officers;

/// <summary>Body of <c>POST /api/cases/{ticketId}/transfer</c>.</summary>
public sealed record TransferCaseRequest(string? UnitId, string? Reason);
