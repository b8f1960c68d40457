namespace Hotline.Routing.Directory;

/// <summary>A checked union unit.</summary>
/// <param name="Regions">The division codes as the admin wrote them (trimmed); coverage uses their significant form.</param>
/// <param name="NameEn">The English name, when the directory gives one (callers writing English see it).</param>
/// <param name="Kind">Descriptive (province, city, county, district, township, street, village, community, industry, station, enterprise); routing never reads it.</param>
public sealed record UnionUnit(
    string Id,
    string Name,
    string? ParentId,
    IReadOnlyList<string> Regions,
    string Kind,
    string? NameEn = null);
