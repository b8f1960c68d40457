using Hotline.Cases;

namespace Hotline.Routing;

/// <summary>A case as <see cref="CaseAssignment"/> gave it to a unit and officer, not saved yet, and why (for its audit line).</summary>
public sealed record AssignedCase(CaseRecord Record, string Reason)
{
    /// <summary>The unit whose load store now counts the case, so a caller whose save fails can take the count back.</summary>
    public string? CountedInUnitId => Record.OfficerId is null ? null : Record.UnitId;
}
