namespace Hotline.Routing.Directory;

/// <summary>A checked routing rule.</summary>
/// <param name="Category">A category code, or null for any category.</param>
/// <param name="RegionPrefix">Significant form (trailing zero segments removed: "621100" is stored as "6211").</param>
/// <param name="Index">Position in the document, so audit reasons can point at the rule.</param>
public sealed record RoutingRule(
    string? Category,
    string RegionPrefix,
    string UnitId,
    int Index)
{
    public override string ToString() => $"{Category ?? "*"}@{RegionPrefix}";
}
