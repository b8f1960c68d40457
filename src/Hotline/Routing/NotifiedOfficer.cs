using Hotline.Routing.Directory;

namespace Hotline.Routing;

/// <summary>An officer to tell, why, and through which unit (the unit whose head they are, or the unit they are linked to).</summary>
public sealed record NotifiedOfficer(UnionOfficer Officer, NotifyReason Reason, string ViaUnitId);
