namespace Hotline.Routing.Directory;

/// <summary>One union unit as written in the directory document; every field may be missing or wrong.</summary>
public sealed record UnitEntry(
    string? Id,
    string? Name,
    string? Parent,
    IReadOnlyList<string>? Regions,
    string? Kind);
