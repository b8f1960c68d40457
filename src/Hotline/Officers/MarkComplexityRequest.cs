namespace Hotline.Officers;

/// <summary>Body of <c>POST /api/cases/{ticketId}/complexity</c>: "difficult" or "very_complex", and why.</summary>
public sealed record MarkComplexityRequest(string? Level, string? Reason);
