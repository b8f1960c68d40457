using System.Globalization;
using Hotline.Cases;

namespace Hotline.Classification;

/// <summary>
/// Gives a report its category and priority (SPEC "Cases"). The caller's chosen category wins; otherwise the
/// Chinese or English text is scored against the keyword table (keywords.json): each category sums the
/// weights of its distinct terms found, the highest score wins, a tie goes to the category listed first in
/// the table, and a text that matches nothing is <c>other</c>. Priority is the highest any trigger reaches:
/// the table's major-incident and urgent triggers, and the number of affected workers (the caller's count
/// or the largest the text mentions) against <see cref="ClassificationOptions"/>. Every decision is
/// explained in <see cref="Classification.Reasons"/> for the audit trail.
/// </summary>
public sealed class CaseClassifier
{
    private static readonly Lazy<CaseClassifier> LazyDefault = new(() => new CaseClassifier(new ClassificationOptions()));

    private readonly KeywordTable table;
    private readonly int majorIncidentCount;
    private readonly int urgentCount;

    public CaseClassifier(ClassificationOptions options)
        : this(options, KeywordTable.Embedded)
    {
    }

    internal CaseClassifier(ClassificationOptions options, KeywordTable table)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(table);
        if (options.UrgentAffectedCount < 1 || options.UrgentAffectedCount > options.MajorIncidentAffectedCount)
        {
            throw new ArgumentException(
                $"{nameof(options.UrgentAffectedCount)} must be at least 1 and at most {nameof(options.MajorIncidentAffectedCount)}.",
                nameof(options));
        }

        this.table = table;
        // Copied: a classifier's thresholds do not change under it.
        majorIncidentCount = options.MajorIncidentAffectedCount;
        urgentCount = options.UrgentAffectedCount;
    }

    /// <summary>A classifier with the default thresholds and the embedded keyword table.</summary>
    public static CaseClassifier Default => LazyDefault.Value;

    public Classification Classify(string text, string? chosenCategory, int? affectedCount)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = NormalizedText.From(text);
        var reasons = new List<string>();
        var (category, chosen) = ChooseCategory(normalized, chosenCategory, reasons);
        var priority = AssessPriority(normalized, affectedCount, reasons);
        return new Classification(category, chosen, priority, reasons.AsReadOnly());
    }

    private (string Category, bool Chosen) ChooseCategory(NormalizedText text, string? chosenCategory, List<string> reasons)
    {
        var chosen = chosenCategory?.Trim();
        if (!string.IsNullOrEmpty(chosen))
        {
            if (CaseCategory.IsKnown(chosen))
            {
                reasons.Add($"category {chosen} chosen by the caller");
                return (chosen, true);
            }

            reasons.Add($"the caller's category '{chosen}' is not a category code; classified from the text");
        }

        CategoryScore? best = null;
        CategoryScore? runnerUp = null;
        foreach (var matcher in table.Categories)
        {
            var score = matcher.Score(text);
            if (score.Score <= 0)
            {
                continue;
            }

            // Strictly greater: on a tie the category earlier in the table keeps the lead.
            if (best is null || score.Score > best.Score)
            {
                runnerUp = best;
                best = score;
            }
            else if (runnerUp is null || score.Score > runnerUp.Score)
            {
                runnerUp = score;
            }
        }

        if (best is null)
        {
            reasons.Add($"no category keywords found; category {CaseCategory.Other}");
            return (CaseCategory.Other, false);
        }

        var reason = Invariant($"category {best.Category} from keywords {string.Join(", ", best.Matches)} (score {best.Score})");
        if (runnerUp is not null && runnerUp.Score == best.Score)
        {
            reason += $"; tied with {runnerUp.Category}, broken by table order";
        }

        reasons.Add(reason);
        return (best.Category, false);
    }

    private string AssessPriority(NormalizedText text, int? affectedCount, List<string> reasons)
    {
        var priority = CasePriority.Normal;
        void Raise(string level, string reason)
        {
            reasons.Add(reason);
            if (Rank(level) > Rank(priority))
            {
                priority = level;
            }
        }

        foreach (var trigger in table.MajorIncidentTriggers.Concat(table.UrgentTriggers))
        {
            if (trigger.Explain(text) is { } reason)
            {
                Raise(trigger.Priority, reason);
            }
        }

        if (affectedCount is { } given && CountLevel(given) is { } givenLevel)
        {
            Raise(givenLevel.Priority, Invariant($"caller reports {given} workers affected ({givenLevel.Threshold})"));
        }

        if (WorkerCount.Largest(text) is { } mentioned && CountLevel(mentioned.Count) is { } mentionedLevel)
        {
            Raise(mentionedLevel.Priority, Invariant($"text mentions {mentioned.Count} workers affected: {mentioned.Evidence} ({mentionedLevel.Threshold})"));
        }

        return priority;
    }

    private (string Priority, string Threshold)? CountLevel(int count) =>
        count >= majorIncidentCount ? (CasePriority.MajorIncident, Invariant($"major-incident threshold {majorIncidentCount}"))
        : count >= urgentCount ? (CasePriority.Urgent, Invariant($"urgent threshold {urgentCount}"))
        : null;

    private static int Rank(string priority) => priority switch
    {
        CasePriority.MajorIncident => 2,
        CasePriority.Urgent => 1,
        _ => 0,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
