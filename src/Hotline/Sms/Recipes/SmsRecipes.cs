using System.Globalization;
using Hotline.Callback;
using Hotline.Cases;
using Hotline.FollowUp;
using Hotline.Routing;
using Hotline.Routing.Directory;
using Hotline.Sms.Templates;

namespace Hotline.Sms.Recipes;

/// <summary>
/// Every notification the hotline sends, each declared once: its template, who gets it, what it takes from its facts,
/// its language (callers: the case's; officers: Chinese), the condition it is sent under, and what tells its texts
/// apart in the one key rule (<see cref="SmsRecipe.MessageKey"/>). The same notification asked for twice (a retried
/// function, a timer run twice) makes the same key, so SendSms sends it once. The officer's name and phone never go
/// to the caller: the unit's name is enough to know who handles it. Replies to inbound texts are answers in the
/// webhook's TwiML, not sends, and are not here.
/// </summary>
public static class SmsRecipes
{
    private static readonly CaseCondition WhileResolved = new([CaseStatus.Resolved]);

    /// <summary>The receipt: ticket, tracking code, status page. One per case.</summary>
    public static SmsRecipe<ReceivedCase> CaseReceived { get; } = new("case-received", SmsAudience.Caller)
    {
        TicketId = r => r.Case.TicketId,
        Recipients = r => SmsRecipient.Caller(r.Case.Phone),
        CallerLanguage = r => r.Case.Language,
        Args =
        {
            { "ticketId", r => r.Case.TicketId },
            { "trackingCode", r => r.TrackingCode },
            { "statusUrl", r => r.StatusUrl },
        },
    };

    /// <summary>"Your report joined case …": one per case and China day, so repeats (or someone typing another's number) cannot flood a phone.</summary>
    public static SmsRecipe<MergedReport> CaseMerged { get; } = new("case-merged", SmsAudience.Caller)
    {
        TicketId = m => m.TicketId,
        Recipients = m => SmsRecipient.Caller(m.Phone),
        CallerLanguage = m => m.Language,
        Key = { { "day", m => ChinaTime.ToChina(m.MergedAt).ToString("yyyyMMdd", CultureInfo.InvariantCulture) } },
        Args = { { "ticketId", m => m.TicketId } },
    };

    /// <summary>
    /// "Your case went to {unit}"; once per unit, so a transfer tells the caller about the new unit. A re-run of routing
    /// may see a case that has moved on: only an open case's unit is news.
    /// </summary>
    public static SmsRecipe<CaseRecord> CaseAssigned { get; } = new("case-assigned", SmsAudience.Caller)
    {
        TicketId = c => c.TicketId,
        When = c => c is { UnitId: not null, Status: CaseStatus.Assigned or CaseStatus.Acknowledged },
        Recipients = c => SmsRecipient.Caller(c.Phone),
        CallerLanguage = c => c.Language,
        Key = { { "unit", c => c.UnitId! } },
        Args =
        {
            { "ticketId", c => c.TicketId },
            { "unitName", c => c.UnitName ?? c.UnitId! },
        },
    };

    /// <summary>"Your case is resolved: {note}"; by the revision, so a case resolved again after a reopen is told again.</summary>
    public static SmsRecipe<ResolvedCase> CaseResolved { get; } = new("case-resolved", SmsAudience.Caller)
    {
        TicketId = r => r.Case.TicketId,
        Recipients = r => SmsRecipient.Caller(r.Case.Phone),
        CallerLanguage = r => r.Case.Language,
        Key = { { "revision", r => Number(r.Case.Revision) } },
        Args =
        {
            { "ticketId", r => r.Case.TicketId },

            // Marked shortenable in the catalogue: the composer cuts it to the segment budget at a word.
            { "note", r => OneLine(r.Note) },
        },
    };

    /// <summary>The callback survey (回访) of one resolution, named by its round; dropped if the case is no longer resolved when it goes.</summary>
    public static SmsRecipe<CaseRecord> CallbackSurvey { get; } = new("callback-survey", SmsAudience.Caller)
    {
        TicketId = c => c.TicketId,
        When = c => SurveyRound.Of(c) is not null,
        Recipients = c => SmsRecipient.Caller(c.Phone),
        CallerLanguage = c => c.Language,
        OnlyWhile = _ => WhileResolved,
        Key = { { "round", c => SurveyRound.Of(c)! } },
        Args = { { "ticketId", c => c.TicketId } },
    };

    /// <summary>The task: to the case's officer, or to the unit's heads when nobody up the chain is on duty; once per officer and round.</summary>
    public static SmsRecipe<CaseTask> OfficerTask { get; } = new("officer-task", SmsAudience.Officer)
    {
        TicketId = t => t.Case.TicketId,
        Recipients = t => Officers(t.Case.OfficerId is { } id && t.Directory.FindOfficer(id) is { } officer ? [officer] : t.Directory.HeadsOf(t.Case.UnitId!)),
        Key = { { "round", t => t.Round.Name } },
        Args =
        {
            { "ticketId", t => t.Case.TicketId },
            { "category", t => t.Case.Category },
            { "place", t => t.Case.UnitName ?? "" },
            { "summary", t => Summary(t.Case.Description) },
            { "dueAt", t => SmsTime.Format(t.Case.AcknowledgementDueAt ?? t.Case.ReceivedAt, SmsRecipe.OfficerLanguage) },
        },
    };

    /// <summary>重大事项: the unit head, the parent unit's head and the linked contact officers hear at once, once each.</summary>
    public static SmsRecipe<CaseAlert> MajorIncident { get; } = new("major-incident", SmsAudience.Officer)
    {
        TicketId = a => a.Case.TicketId,
        Recipients = a => Officers(CaseRouter.Notify(a.Directory, a.Case.UnitId!).Select(n => n.Officer)),
        Args =
        {
            { "ticketId", a => a.Case.TicketId },
            { "category", a => a.Case.Category },
            { "place", a => a.Case.UnitName ?? "" },
            { "summary", a => Summary(a.Case.Description) },
        },
    };

    /// <summary>催办 at 50 %, 80 % and 100 % of the acknowledgement window, to whoever got the task.</summary>
    public static SmsRecipe<DeadlineStageDue> AckReminder { get; } = Reminder("ack-reminder", DeadlineWindow.Acknowledgement);

    /// <summary>催办 at 50 %, 80 % and 100 % of the resolution window, to whoever got the task.</summary>
    public static SmsRecipe<DeadlineStageDue> ResolveReminder { get; } = Reminder("resolve-reminder", DeadlineWindow.Resolution);

    /// <summary>At 100 % of either window the unit head hears the case is overdue.</summary>
    public static SmsRecipe<DeadlineStageDue> CaseOverdue { get; } = new("case-overdue", SmsAudience.Officer)
    {
        TicketId = d => d.Case.TicketId,
        When = d => d.Stage == DeadlineStages.Due,
        Recipients = d => Officers(d.Told.Where(t => t.Reason == NotifyReason.UnitHead).Select(t => t.Officer)),
        OnlyWhile = WhileWindowRuns,
        Key = DeadlineKey(),
        Args =
        {
            { "ticketId", d => d.Case.TicketId },
            { "officerName", d => d.Officer?.Name ?? d.Case.UnitName ?? "-" },
            { "step", d => DeadlineStages.StepLookup(d.Window) },
            { "dueAt", d => SmsTime.Format(d.DueAt, SmsRecipe.OfficerLanguage) },
        },
    };

    /// <summary>督办: at 150 % of either window the parent unit's head and the linked contact officers hear.</summary>
    public static SmsRecipe<DeadlineStageDue> CaseEscalated { get; } = new("case-escalated", SmsAudience.Officer)
    {
        TicketId = d => d.Case.TicketId,
        When = d => d.Stage == DeadlineStages.Escalation,
        Recipients = d => Officers(d.Told.Where(t => t.Reason is NotifyReason.ParentUnitHead or NotifyReason.LinkedContact).Select(t => t.Officer)),
        OnlyWhile = WhileWindowRuns,
        Key = DeadlineKey(),
        Args =
        {
            { "ticketId", d => d.Case.TicketId },
            { "unitName", d => d.Case.UnitName ?? "-" },
            { "step", d => DeadlineStages.StepLookup(d.Window) },
            { "dueAt", d => SmsTime.Format(d.DueAt, SmsRecipe.OfficerLanguage) },
        },
    };

    /// <summary>The texts a stage of a window calls for: the recipes' own conditions pick those of the window and stage.</summary>
    public static IReadOnlyList<SmsRecipe<DeadlineStageDue>> Deadline { get; } = [AckReminder, ResolveReminder, CaseOverdue, CaseEscalated];

    /// <summary>
    /// A rating of 1–2 reopened the case: the head who now answers for it and the head of the unit the rating was about
    /// (when that is another) hear, once per head and reopen.
    /// </summary>
    public static SmsRecipe<ReopenedCase> CaseReopened { get; } = new("case-reopened", SmsAudience.Officer)
    {
        TicketId = r => r.Case.TicketId,
        Recipients = r => Officers(new[] { r.Case.UnitId, r.FormerUnitId }.OfType<string>().Distinct(StringComparer.Ordinal)
            .SelectMany(r.Directory.HeadsOf).DistinctBy(h => h.Id)),
        Key = { { "round", r => AssignmentRound.Reopen(r.Case.ReopenCount).Name } },
        Args =
        {
            { "ticketId", r => r.Case.TicketId },
            { "rating", r => Number(r.Case.Rating ?? 0) },
        },
    };

    /// <summary>信息通报: one text per head of the unit and day.</summary>
    public static SmsRecipe<UnitBulletinDay> DailyBulletin { get; } = new("daily-bulletin", SmsAudience.Officer)
    {
        TicketId = _ => null,
        Recipients = b => Officers(b.Heads),
        Key =
        {
            { "unit", b => b.Unit.Id },
            { "day", b => b.Day },
        },
        Args =
        {
            { "date", b => SmsTime.FormatDate(b.End, SmsRecipe.OfficerLanguage) },
            { "unitName", b => b.Unit.Name },
            { "newCount", b => Number(b.Counts.New) },
            { "openCount", b => Number(b.Counts.Open) },
            { "overdueCount", b => Number(b.Counts.Overdue) },
            { "resolvedCount", b => Number(b.Counts.Resolved) },
            { "satisfiedCount", b => Number(b.Counts.Satisfied) },
            { "ratedCount", b => Number(b.Counts.Rated) },
        },
    };

    /// <summary>Every recipe, for the catalogue's checks.</summary>
    public static IReadOnlyList<SmsRecipe> All { get; } =
    [
        CaseReceived, CaseMerged, CaseAssigned, CaseResolved, CallbackSurvey,
        OfficerTask, MajorIncident, AckReminder, ResolveReminder, CaseOverdue, CaseEscalated, CaseReopened, DailyBulletin,
    ];

    private static SmsRecipe<DeadlineStageDue> Reminder(string name, DeadlineWindow window) => new(name, SmsAudience.Officer)
    {
        TicketId = d => d.Case.TicketId,
        When = d => d.Window == window && d.Stage <= DeadlineStages.Due,

        // Whoever got the task: the officer, or the unit's head when nobody was on duty.
        Recipients = d => Officers(d.Officer is { } officer ? [officer] : d.Told.Where(t => t.Reason == NotifyReason.UnitHead).Select(t => t.Officer)),
        OnlyWhile = WhileWindowRuns,
        Key = DeadlineKey(),
        Args =
        {
            { "ticketId", d => d.Case.TicketId },
            { "dueAt", d => SmsTime.Format(d.DueAt, SmsRecipe.OfficerLanguage) },
            { "stage", d => DeadlineStages.ReminderLookup(d.Stage) },
        },
    };

    /// <summary>A stage's texts go only while the window still runs and the case is still with the same officer: one held overnight whose reason went is dropped.</summary>
    private static CaseCondition WhileWindowRuns(DeadlineStageDue due) => new(DeadlineStages.OpenStatuses(due.Window), due.Case.OfficerId);

    /// <summary>
    /// By window, stage and due time: a window started again (transfer, reopen, complexity) is chased afresh, and the two
    /// windows' overdue texts stay apart even where their due times meet.
    /// </summary>
    private static RecipeFields<DeadlineStageDue> DeadlineKey() => new()
    {
        { "window", d => DeadlineStages.StepLookup(d.Window) },
        { "stage", d => DeadlineStages.Name(d.Stage) },
        { "due", d => d.DueAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) },
    };

    private static IEnumerable<SmsRecipient> Officers(IEnumerable<UnionOfficer> officers) => officers.Select(o => new SmsRecipient(o.Id, o.Phone));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One line: an officer's note may have line breaks that waste a text's few characters.</summary>
    private static string OneLine(string note) =>
        string.Join(' ', note.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// The composer shortens the summary to the segment budget anyway; cutting it here keeps the queue message small
    /// (a merged case's text can be long, and a queue message holds 64 KiB).
    /// </summary>
    private static string Summary(string description) =>
        description.Length <= MaxSummary ? description : description[..MaxSummary];

    private const int MaxSummary = 300;
}
