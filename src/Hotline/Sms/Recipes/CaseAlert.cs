using Hotline.Cases;
using Hotline.Routing.Directory;

namespace Hotline.Sms.Recipes;

/// <summary>A case whose unit's heads, parent head and linked contacts must hear of it at once (重大事项).</summary>
public sealed record CaseAlert(CaseRecord Case, UnionDirectory Directory);
