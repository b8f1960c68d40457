namespace Hotline.Classification;

internal sealed record WeightedTerm(TermMatcher Matcher, int Weight);
