namespace Hotline.Officers;

/// <summary>Body of <c>POST /api/cases/{ticketId}/resolve</c>.</summary>
public sealed record ResolveCaseRequest(string? Note);
