namespace Hotline.Routing;

/// <summary>Why a case went to the unit that was chosen before the on-duty fallback.</summary>
public enum RoutingBasis
{
    /// <summary>A routing rule matched the region and category.</summary>
    Rule,

    /// <summary>No rule matched; the deepest unit covering the region.</summary>
    Coverage,

    /// <summary>The region was missing, malformed or covered by no unit.</summary>
    Default,

    /// <summary>An officer or admin named the unit (transfer, reopen).</summary>
    Transfer,
}
