using System.Globalization;
using Hotline.Cases;

namespace Hotline.FollowUp;

/// <summary>
/// The steps that chase a window (SPEC "Follow-up"), as percentages of it counted from the assignment: the assignee is
/// reminded (催办) at 50 % and 80 % and when it falls due (100 %, when the unit head is also told it is overdue);
/// still overdue after a further half window (150 %), the parent unit's head and the linked contact officers are told
/// (督办). Each step is one row of the <see cref="FollowUpIndex"/>, its stage the percentage.
/// </summary>
public static class DeadlineStages
{
    public const int Half = 50;
    public const int Most = 80;
    public const int Due = 100;
    public const int Escalation = 150;

    /// <summary>The follow-up kind (index partition) of each window.</summary>
    public const string AcknowledgementKind = FollowUpIndex.AcknowledgementCheck;

    public const string ResolutionKind = "resolve";

    public static IReadOnlyList<int> All { get; } = [Half, Most, Due, Escalation];

    public static string Kind(DeadlineWindow window) => window == DeadlineWindow.Acknowledgement ? AcknowledgementKind : ResolutionKind;

    /// <summary>
    /// When a stage of the window from <paramref name="from"/> to <paramref name="dueAt"/> falls. Integer ticks, so the
    /// row scheduled and the time a handler works out again from the case are the same instant (no floating point).
    /// </summary>
    public static DateTimeOffset At(DateTimeOffset from, DateTimeOffset dueAt, int stage) =>
        from + TimeSpan.FromTicks((dueAt - from).Ticks * stage / 100);

    public static string Name(int stage) => stage.ToString(CultureInfo.InvariantCulture);

    /// <summary>The stage a row names; a row from before stages existed (no stage) was the due-time check.</summary>
    public static int? Parse(string? stage) => stage is null
        ? Due
        : int.TryParse(stage, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && All.Contains(value) ? value : null;

    /// <summary>The <c>stage</c> lookup value of the reminder templates (templates.json).</summary>
    public static string ReminderLookup(int stage) => stage switch
    {
        Half => "50%",
        Most => "80%",
        _ => "due",
    };

    /// <summary>The <c>step</c> lookup value of the overdue and escalation templates.</summary>
    public static string StepLookup(DeadlineWindow window) => window == DeadlineWindow.Acknowledgement ? "ack" : "resolve";

    /// <summary>The window's span for the case: from the assignment to its due time, or null when the case has none.</summary>
    public static (DateTimeOffset From, DateTimeOffset DueAt)? Span(CaseRecord record, DeadlineWindow window, DateTimeOffset? resolutionDueAt)
    {
        ArgumentNullException.ThrowIfNull(record);
        var due = window == DeadlineWindow.Acknowledgement ? record.AcknowledgementDueAt : resolutionDueAt;
        return record.AssignedAt is { } from && due is { } dueAt ? (from, dueAt) : null;
    }

    /// <summary>The statuses in which the window still runs: a case acknowledged has met the first, one resolved both.</summary>
    public static IReadOnlyList<string> OpenStatuses(DeadlineWindow window) => window == DeadlineWindow.Acknowledgement
        ? [CaseStatus.Assigned]
        : [CaseStatus.Assigned, CaseStatus.Acknowledged];
}
