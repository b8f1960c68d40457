namespace Hotline.Routing.Directory;

/// <summary>One union unit as written in the directory document; every field may be missing or wrong.</summary>
/// <param name="NameEn">Optional English name, shown to English-speaking callers instead of <paramref name="Name"/>.</param>
public sealed record UnitEntry(
    string? Id,
    string? Name,
    string? Parent,
    IReadOnlyList<string>? Regions,
    string? Kind,
    string? NameEn = null);
