namespace Hotline.Classification;

/// <summary>One priority trigger: its audit reason, its terms, optional companion terms that must also occur, phrases to ignore.</summary>
internal sealed record PriorityTriggerDocument(
    string? Reason,
    IReadOnlyList<string>? Zh,
    IReadOnlyList<string>? En,
    IReadOnlyList<string>? WithZh,
    IReadOnlyList<string>? WithEn,
    IReadOnlyList<string>? Ignore,
    bool Negatable);
