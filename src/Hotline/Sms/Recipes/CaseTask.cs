using Hotline.Cases;
using Hotline.Routing.Directory;

namespace Hotline.Sms.Recipes;

/// <summary>A case given to an officer (or, with nobody on duty, to its unit's heads) in one <see cref="AssignmentRound"/>.</summary>
public sealed record CaseTask(CaseRecord Case, UnionDirectory Directory, AssignmentRound Round);
