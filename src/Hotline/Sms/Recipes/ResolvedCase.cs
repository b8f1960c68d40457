using Hotline.Cases;

namespace Hotline.Sms.Recipes;

/// <summary>A case as resolved (its revision after the resolve) and the officer's note.</summary>
public sealed record ResolvedCase(CaseRecord Case, string Note);
