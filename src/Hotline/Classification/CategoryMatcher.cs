namespace Hotline.Classification;

/// <summary>
/// The weighted terms of one category; scores a text by the sum of the weights of the distinct terms found, a
/// negatable term not counting where a negation comes right before it ("没有人受伤", "nobody was hurt").
/// </summary>
internal sealed class CategoryMatcher
{
    private readonly IReadOnlyList<WeightedTerm> terms;
    private readonly IReadOnlyList<string> ignore;

    public CategoryMatcher(string category, IEnumerable<WeightedTerm> terms, IReadOnlyList<string> ignore)
    {
        Category = category;
        // Longest first (stable, so table order among equals), so a long term claims its span before the short ones inside it.
        this.terms = [.. terms.OrderByDescending(t => t.Matcher.Length)];
        this.ignore = ignore;
    }

    public string Category { get; }

    public int TermCount => terms.Count;

    public CategoryScore Score(NormalizedText text)
    {
        var view = text.Without(ignore);
        var taken = new TakenSpans();
        var score = 0;
        var matches = new List<(bool Chinese, int Start, string Value)>();
        foreach (var (matcher, weight, negatable) in terms)
        {
            TermMatch? found = null;
            foreach (var match in matcher.Find(view))
            {
                // A negated term still claims its span (as for priority), so "no safety problem" leaves no "safety".
                if (taken.TryTake(matcher.IsChinese, match) && !(negatable && Negation.Precedes(view, matcher.IsChinese, match.Start)))
                {
                    found ??= match;
                }
            }

            // A term counts once however often it is repeated: repetition is emphasis, not a second topic.
            if (found is { } first)
            {
                score += weight;
                matches.Add((matcher.IsChinese, first.Start, first.Value));
            }
        }

        return new CategoryScore(Category, score, [.. matches.OrderBy(m => m.Chinese).ThenBy(m => m.Start).Select(m => m.Value)]);
    }
}
