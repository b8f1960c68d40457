using System.Text.Json;
using Hotline.Cases;

namespace Hotline.Classification;

/// <summary>
/// The keyword table (keywords.json, embedded in the assembly) compiled into matchers: categories in
/// tie-break order, then the major-incident and urgent triggers. Loaded once per process.
/// </summary>
internal sealed class KeywordTable
{
    /// <summary>The LogicalName of the EmbeddedResource in Hotline.csproj.</summary>
    public const string ResourceName = "Hotline.Classification.keywords.json";

    private static readonly Lazy<KeywordTable> LazyEmbedded = new(LoadEmbedded);

    private KeywordTable(
        IReadOnlyList<CategoryMatcher> categories,
        IReadOnlyList<PriorityTrigger> majorIncidentTriggers,
        IReadOnlyList<PriorityTrigger> urgentTriggers)
    {
        Categories = categories;
        MajorIncidentTriggers = majorIncidentTriggers;
        UrgentTriggers = urgentTriggers;
    }

    public static KeywordTable Embedded => LazyEmbedded.Value;

    /// <summary>Every category but <c>other</c>, in tie-break order.</summary>
    public IReadOnlyList<CategoryMatcher> Categories { get; }

    public IReadOnlyList<PriorityTrigger> MajorIncidentTriggers { get; }

    public IReadOnlyList<PriorityTrigger> UrgentTriggers { get; }

    /// <summary>Reads and checks a table; a bad table fails here, at start, with every problem listed.</summary>
    public static KeywordTable Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        KeywordTableDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, KeywordTableJsonContext.Default.KeywordTableDocument);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Keyword table is not valid JSON: {e.Message}", e);
        }

        var problems = new List<string>();
        var categories = new List<CategoryMatcher>();
        foreach (var entry in document?.Categories ?? [])
        {
            var code = entry.Category ?? string.Empty;
            if (!CaseCategory.IsKnown(code) || code == CaseCategory.Other)
            {
                problems.Add($"category '{code}' is not a classifiable category code");
                continue;
            }

            if (categories.Any(c => c.Category == code))
            {
                problems.Add($"category '{code}' is listed twice");
                continue;
            }

            var negatable = new HashSet<string>(entry.Negatable ?? [], StringComparer.Ordinal);
            var terms = new List<WeightedTerm>();
            foreach (var (term, weight) in entry.Zh ?? new Dictionary<string, int>())
            {
                if (Check(code, term, chinese: true, problems) && CheckWeight(code, term, weight, problems))
                {
                    terms.Add(new WeightedTerm(TermMatcher.Chinese(term), weight, negatable.Remove(term)));
                }
            }

            foreach (var (term, weight) in entry.En ?? new Dictionary<string, int>())
            {
                if (Check(code, term, chinese: false, problems) && CheckWeight(code, term, weight, problems))
                {
                    terms.Add(new WeightedTerm(TermMatcher.English(term), weight, negatable.Remove(term)));
                }
            }

            // A negatable term that is not one of the category's terms is a typo that would silently do nothing.
            problems.AddRange(negatable.Select(term => $"category '{code}': negatable '{term}' is not one of its terms"));

            if (terms.Count == 0)
            {
                problems.Add($"category '{code}' has no terms");
            }

            categories.Add(new CategoryMatcher(code, terms, Phrases(entry.Ignore)));
        }

        foreach (var missing in CaseCategory.All.Where(c => c != CaseCategory.Other && categories.All(m => m.Category != c)))
        {
            problems.Add($"category '{missing}' is missing, so no text could ever be classified as it");
        }

        var major = Triggers(document?.MajorIncident, CasePriority.MajorIncident, problems);
        var urgent = Triggers(document?.Urgent, CasePriority.Urgent, problems);
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"Keyword table is invalid: {string.Join("; ", problems)}.");
        }

        return new KeywordTable(categories, major, urgent);
    }

    private static List<PriorityTrigger> Triggers(IReadOnlyList<PriorityTriggerDocument>? entries, string priority, List<string> problems)
    {
        var triggers = new List<PriorityTrigger>();
        foreach (var entry in entries ?? [])
        {
            var reason = entry.Reason?.Trim() ?? string.Empty;
            var label = $"{priority} trigger '{reason}'";
            if (reason.Length == 0)
            {
                problems.Add($"a {priority} trigger has no reason");
            }

            var terms = Matchers(label, entry.Zh, entry.En, problems);
            var companions = Matchers(label, entry.WithZh, entry.WithEn, problems);
            if (terms.Count == 0)
            {
                problems.Add($"{label} has no terms");
            }

            triggers.Add(new PriorityTrigger(priority, reason, terms, companions, Phrases(entry.Ignore), entry.Negatable));
        }

        if (triggers.Count == 0)
        {
            problems.Add($"there are no {priority} triggers");
        }

        return triggers;
    }

    private static List<TermMatcher> Matchers(string owner, IReadOnlyList<string>? zh, IReadOnlyList<string>? en, List<string> problems)
    {
        var matchers = new List<TermMatcher>();
        matchers.AddRange((zh ?? []).Where(t => Check(owner, t, chinese: true, problems)).Select(TermMatcher.Chinese));
        matchers.AddRange((en ?? []).Where(t => Check(owner, t, chinese: false, problems)).Select(TermMatcher.English));
        return matchers;
    }

    private static bool Check(string owner, string term, bool chinese, List<string> problems)
    {
        // A Latin term in a Chinese list would match inside English words ("icu" in "ridiculous").
        var ok = chinese ? TermMatcher.IsChineseTerm(term) : TermMatcher.IsEnglishTerm(term.Trim());
        if (!ok)
        {
            problems.Add($"{owner}: '{term}' is not a valid {(chinese ? "Chinese" : "English")} term");
        }

        return ok;
    }

    private static bool CheckWeight(string category, string term, int weight, List<string> problems)
    {
        if (weight is < 1 or > 10)
        {
            problems.Add($"{category}: '{term}' has weight {weight}, outside 1..10");
            return false;
        }

        return true;
    }

    private static string[] Phrases(IReadOnlyList<string>? phrases) =>
        [.. (phrases ?? []).Select(NormalizedText.FoldTerm).Where(p => p.Length > 0)];

    private static KeywordTable LoadEmbedded()
    {
        using var stream = typeof(KeywordTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"Embedded resource {ResourceName} is missing; Hotline.csproj must embed Classification/keywords.json with that LogicalName.");
        return Load(stream);
    }
}
