namespace Hotline.Routing;

/// <summary>Where a case goes, and the steps that led there for the audit trail.</summary>
/// <param name="UnitId">The unit that holds the case: after the on-duty fallback, or the chosen unit when nobody up the chain is on duty.</param>
/// <param name="OfficerId">The handler who gets the task; null when no unit up the chain has an on-duty handler.</param>
/// <param name="Reasons">Human-readable steps, e.g. "rule wage_arrears@621124 → lt-wq (临洮县职工维权服务站)".</param>
public sealed record RoutingDecision(
    string UnitId,
    string? OfficerId,
    RoutingBasis Basis,
    IReadOnlyList<string> Reasons)
{
    public bool IsAssigned => OfficerId is not null;
}
