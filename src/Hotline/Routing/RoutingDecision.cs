namespace Hotline.Routing;

/// <summary>Which unit gets a case, and the steps that led there for the audit trail.</summary>
/// <param name="UnitId">The unit that holds the case: after the on-duty fallback, or the chosen unit when nobody up the chain is on duty.</param>
/// <param name="Reasons">Human-readable steps, e.g. "rule wage_arrears@621124 → lt-wq (临洮县职工维权服务站)".</param>
/// <param name="HandlerIds">The unit's on-duty handlers, by id, among whom the load store picks; empty when nobody up the chain is on duty.</param>
public sealed record RoutingDecision(
    string UnitId,
    RoutingBasis Basis,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> HandlerIds)
{
    /// <summary>Whether an officer can take the case; otherwise it waits at the unit for its head.</summary>
    public bool IsStaffed => HandlerIds.Count > 0;
}
