namespace Hotline.Classification;

/// <summary>One category's weighted Chinese and English terms, and phrases to ignore before matching them.</summary>
internal sealed record CategoryKeywordsDocument(
    string? Category,
    IReadOnlyDictionary<string, int>? Zh,
    IReadOnlyDictionary<string, int>? En,
    IReadOnlyList<string>? Ignore);
