namespace Hotline.Officers;

/// <summary>Body of <c>POST /api/cases/{ticketId}/reclassify</c>: the corrected category and/or priority, and why.</summary>
public sealed record ReclassifyCaseRequest(string? Category, string? Priority, string? Reason);
