namespace Hotline.Routing.Directory;

/// <summary>One routing rule as written in the directory document. A missing category or "*" means any.</summary>
public sealed record RuleEntry(
    string? Category,
    string? RegionPrefix,
    string? Unit);
