namespace Hotline.Classification;

/// <summary>A category's score for a text and the terms that made it, in the order the text has them.</summary>
internal sealed record CategoryScore(string Category, int Score, IReadOnlyList<string> Matches);
