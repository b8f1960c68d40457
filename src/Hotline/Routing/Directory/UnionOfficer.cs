namespace Hotline.Routing.Directory;

/// <summary>A checked officer.</summary>
/// <param name="Phone">E.164.</param>
/// <param name="ContactUnitIds">The lower units this officer is linked to (定点联系).</param>
public sealed record UnionOfficer(
    string Id,
    string Name,
    string Phone,
    string UnitId,
    OfficerRole Role,
    bool OnDuty,
    IReadOnlyList<string> ContactUnitIds);
