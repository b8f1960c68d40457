namespace Hotline.Classification;

/// <summary>A category's term and its weight; a negatable term does not count right after a negation ("nobody was hurt").</summary>
internal sealed record WeightedTerm(TermMatcher Matcher, int Weight, bool Negatable = false);
