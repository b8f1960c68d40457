using System.Globalization;
using Hotline.Cases;

namespace Hotline.Callback;

/// <summary>
/// Which resolution a survey is about: a reopened case resolved again gets a survey of its own, and whatever is left
/// of the earlier one (its no-reply check, a late answer) must not touch it. The resolution time in whole seconds
/// names it, so the name survives the table service's time precision.
/// </summary>
public static class SurveyRound
{
    public static string? Of(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.ResolvedAt?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The case is resolved, and by the resolution <paramref name="round"/> names.</summary>
    public static bool IsResolvedIn(CaseRecord record, string? round)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Status == CaseStatus.Resolved && round is not null && Of(record) == round;
    }
}
