namespace Hotline.Routing.Directory;

/// <summary>
/// The directory as an admin uploads it (<c>PUT /api/admin/directory</c>, SPEC "Routing"): raw and
/// unchecked. <see cref="DirectoryValidator"/> checks it and <see cref="UnionDirectory"/> indexes it.
/// </summary>
public sealed record DirectoryDocument(
    IReadOnlyList<UnitEntry>? Units,
    IReadOnlyList<OfficerEntry>? Officers,
    IReadOnlyList<RuleEntry>? Rules);
