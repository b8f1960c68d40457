namespace Hotline.Classification;

/// <summary>What <see cref="CaseClassifier"/> decided about a report, and why.</summary>
/// <param name="Category">A <see cref="Cases.CaseCategory"/> code.</param>
/// <param name="CategoryChosenByCaller">True when the caller's own choice was kept rather than the text classified.</param>
/// <param name="Priority">A <see cref="Cases.CasePriority"/> code.</param>
/// <param name="Reasons">Short human-readable reasons for the audit trail, category first, then every priority trigger.</param>
public sealed record Classification(string Category, bool CategoryChosenByCaller, string Priority, IReadOnlyList<string> Reasons);
