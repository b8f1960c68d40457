namespace Hotline.Intake;

/// <summary>A validated report, ready to become a case.</summary>
public sealed record Submission(
    string Description,
    string? Phone,
    string? Name,
    string? Region,
    string? Category,
    string? Employer,
    int? AffectedCount,
    string Language);
