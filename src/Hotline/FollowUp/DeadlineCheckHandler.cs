using Hotline.Cases;
using Hotline.Routing;
using Hotline.Sms;
using Hotline.Sms.Recipes;

namespace Hotline.FollowUp;

/// <summary>
/// Does one stage of a case's acknowledgement or resolution window when it falls due (<see cref="DeadlineStages"/>):
/// reminds the assignee (催办) at 50 %, 80 % and 100 %, tells the unit head at 100 % that the case is overdue, and at
/// 150 % the parent unit's head and the linked contact officers (督办). Heads are found as for a major incident
/// (<see cref="CaseRouter.Notify"/>): a unit without a head passes to its nearest ancestor with one.
/// <para>
/// A stage that no longer applies is dropped, not sent: the window was met (acknowledged, resolved), or the row is from
/// an earlier due time (a transfer or reopening started the windows again, a complexity mark moved the resolution):
/// its time no longer matches the one worked out from the case. A reminder whose next stage is due as well (the loop
/// was stopped for a while) is dropped too, so the officer gets the current state, not a burst of stale ones.
/// The texts are <see cref="SmsRecipes.Deadline"/>'s: keyed by the case, window, stage, its due time and the recipient, so
/// a stage run twice or twice at once is sent once, and sent only while the window runs with the same officer, so a text
/// held back (quiet hours) whose reason has gone by the morning is dropped by the sending path.
/// </para>
/// </summary>
public sealed partial class DeadlineCheckHandler(
    DeadlineWindow window,
    CaseStore cases,
    DirectoryProvider directories,
    DueTimes dueTimes,
    SmsNotifications sms,
    TimeProvider time,
    ILogger<DeadlineCheckHandler> logger) : IFollowUpHandler
{
    /// <summary>Storage keeps times to the millisecond at least; a stage more than this apart from the case's is another due time.</summary>
    private static readonly TimeSpan SameInstant = TimeSpan.FromSeconds(1);

    public string Kind => DeadlineStages.Kind(window);

    public async Task HandleAsync(DueFollowUp due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        if (DeadlineStages.Parse(due.Stage) is not { } stage || await cases.GetAsync(due.Subject, cancellationToken) is not { Record: var record })
        {
            return;
        }

        var openStatuses = DeadlineStages.OpenStatuses(window);
        if (!openStatuses.Contains(record.Status))
        {
            LogClosed(logger, record.TicketId, window, stage, record.Status);
            return;
        }

        if (DeadlineStages.Span(record, window, dueTimes.ResolutionDueAt(record)) is not { } span
            || (DeadlineStages.At(span.From, span.DueAt, stage) - due.DueAt).Duration() > SameInstant)
        {
            LogDropped(logger, record.TicketId, window, stage, "its due time has moved since it was scheduled");
            return;
        }

        var next = DeadlineStages.All.FirstOrDefault(s => s > stage);
        if (stage < DeadlineStages.Due && time.GetUtcNow() >= DeadlineStages.At(span.From, span.DueAt, next))
        {
            LogDropped(logger, record.TicketId, window, stage, "the next stage is due as well");
            return;
        }

        var directory = await directories.GetAsync(cancellationToken);
        var officer = record.OfficerId is null ? null : directory.FindOfficer(record.OfficerId);
        IReadOnlyList<NotifiedOfficer> told = record.UnitId is { } unitId && directory.FindUnit(unitId) is not null ? CaseRouter.Notify(directory, unitId) : [];
        var stageDue = new DeadlineStageDue(record, window, stage, span.DueAt, officer, told);
        var queued = 0;
        foreach (var recipe in SmsRecipes.Deadline)
        {
            queued += await sms.EnqueueAsync(recipe, stageDue, cancellationToken);
        }

        LogSent(logger, record.TicketId, window, stage, queued);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {TicketId}: {Window} stage {Stage} % queued {Count} text(s)")]
    private static partial void LogSent(ILogger logger, string ticketId, DeadlineWindow window, int stage, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {TicketId}: {Window} stage {Stage} % dropped: the case is {Status}")]
    private static partial void LogClosed(ILogger logger, string ticketId, DeadlineWindow window, int stage, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {TicketId}: {Window} stage {Stage} % dropped: {Why}")]
    private static partial void LogDropped(ILogger logger, string ticketId, DeadlineWindow window, int stage, string why);
}
