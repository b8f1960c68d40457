namespace Hotline.Routing.Directory;

/// <summary>One officer as written in the directory document; every field may be missing or wrong.</summary>
/// <param name="OnDuty">Missing means on duty: an admin lists the exceptions, not every officer's state.</param>
public sealed record OfficerEntry(
    string? Id,
    string? Name,
    string? Phone,
    string? Unit,
    string? Role,
    bool OnDuty = true,
    IReadOnlyList<string>? ContactUnits = null);
