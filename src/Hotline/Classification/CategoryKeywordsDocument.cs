namespace Hotline.Classification;

/// <summary>
/// One category's weighted Chinese and English terms, phrases to ignore before matching them, and the terms that
/// do not count right after a negation (events such as 受伤 or hurt, not things whose absence is the complaint).
/// </summary>
internal sealed record CategoryKeywordsDocument(
    string? Category,
    IReadOnlyDictionary<string, int>? Zh,
    IReadOnlyDictionary<string, int>? En,
    IReadOnlyList<string>? Ignore,
    IReadOnlyList<string>? Negatable);
