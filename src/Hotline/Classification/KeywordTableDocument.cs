namespace Hotline.Classification;

/// <summary>The shape of keywords.json (see its "about" text).</summary>
internal sealed record KeywordTableDocument(
    IReadOnlyList<CategoryKeywordsDocument>? Categories,
    IReadOnlyList<PriorityTriggerDocument>? MajorIncident,
    IReadOnlyList<PriorityTriggerDocument>? Urgent);
