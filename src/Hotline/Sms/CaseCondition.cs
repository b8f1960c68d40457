using Hotline.Cases;

namespace Hotline.Sms;

/// <summary>
/// What must still hold of a text's case when the text goes out: a text held back (quiet hours) or sent late whose
/// reason has gone (a reminder for a case resolved meanwhile, an assignee who is no longer the case's officer) is
/// dropped, not sent.
/// </summary>
/// <param name="Statuses">The case statuses in which the text still applies.</param>
/// <param name="OfficerId">When set, the case must still be with this officer.</param>
public sealed record CaseCondition(IReadOnlyList<string> Statuses, string? OfficerId = null)
{
    /// <summary>Why the text no longer applies to <paramref name="record"/> (null: the case is gone), or null when it does.</summary>
    public string? Fails(CaseRecord? record) =>
        record is null ? "the case is gone"
        : !Statuses.Contains(record.Status, StringComparer.Ordinal) ? $"the case is {record.Status}"
        : OfficerId is not null && record.OfficerId != OfficerId ? "the case is with another officer"
        : null;
}
