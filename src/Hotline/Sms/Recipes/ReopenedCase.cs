using Hotline.Cases;
using Hotline.Routing.Directory;

namespace Hotline.Sms.Recipes;

/// <summary>A case the caller's rating reopened, and the unit the rating was about when the case went elsewhere.</summary>
public sealed record ReopenedCase(CaseRecord Case, UnionDirectory Directory, string? FormerUnitId);
