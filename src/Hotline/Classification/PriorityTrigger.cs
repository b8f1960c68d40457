namespace Hotline.Classification;

/// <summary>
/// One reason to raise a case's priority: any of its terms (and, for a trigger with companion terms, one of
/// those too, as in 春节 + 工资), read from the keyword table.
/// </summary>
internal sealed class PriorityTrigger
{
    private readonly IReadOnlyList<TermMatcher> terms;
    private readonly IReadOnlyList<TermMatcher> companions;
    private readonly IReadOnlyList<string> ignore;
    private readonly bool negatable;

    public PriorityTrigger(
        string priority,
        string reason,
        IEnumerable<TermMatcher> terms,
        IEnumerable<TermMatcher> companions,
        IReadOnlyList<string> ignore,
        bool negatable)
    {
        Priority = priority;
        Reason = reason;
        this.terms = [.. terms.OrderByDescending(t => t.Length)];
        this.companions = [.. companions];
        this.ignore = ignore;
        this.negatable = negatable;
    }

    public string Priority { get; }

    public string Reason { get; }

    /// <summary>The audit reason ("text mentions self-harm: 不想活") when the text sets the trigger off; otherwise null.</summary>
    public string? Explain(NormalizedText text)
    {
        var view = text.Without(ignore);
        var found = Matches(view, terms, negatable);
        if (found.Count == 0)
        {
            return null;
        }

        if (companions.Count == 0)
        {
            return $"{Reason}: {string.Join(", ", found)}";
        }

        var companion = Matches(view, companions, negatable: false);
        return companion.Count == 0 ? null : $"{Reason}: {string.Join(", ", found)} + {companion[0]}";
    }

    private static List<string> Matches(NormalizedText view, IReadOnlyList<TermMatcher> matchers, bool negatable)
    {
        var taken = new TakenSpans();
        var found = new List<(bool Chinese, int Start, string Value)>();
        foreach (var matcher in matchers)
        {
            foreach (var match in matcher.Find(view))
            {
                // A negated term still claims its span: 没有人员伤亡 must not leave 伤亡's parts to shorter terms.
                if (!taken.TryTake(matcher.IsChinese, match)
                    || (negatable && Negation.Precedes(view, matcher.IsChinese, match.Start)))
                {
                    continue;
                }

                found.Add((matcher.IsChinese, match.Start, match.Value));
            }
        }

        // In the order the caller wrote them, each once.
        return [.. found.OrderBy(f => f.Chinese).ThenBy(f => f.Start).Select(f => f.Value).Distinct(StringComparer.Ordinal)];
    }
}
