using Hotline.Cases;
using Hotline.FollowUp;
using Hotline.Sms;
using Hotline.Sms.Recipes;
using Hotline.Sms.Templates;
using Microsoft.Extensions.Options;

namespace Hotline.Callback;

/// <summary>
/// The survey falls due: a case still resolved by the round the row names gets its no-reply check, its pending
/// survey for the caller's phone and then the text (in the case's language, sent only while the case is still
/// resolved). A caller without a phone cannot be asked, so the case is closed without a survey. A case reopened or
/// closed meanwhile gets nothing. Safe to repeat: the check and the pending survey are keyed by the round, the
/// text by the case and round, and the time counts from the due time, not from the run.
/// </summary>
public sealed partial class CallbackSurveyHandler(
    CaseStore cases,
    FollowUpIndex followUps,
    PendingSurveys pending,
    SurveyCaseChanges changes,
    SmsNotifications sms,
    IOptions<CallbackOptions> options,
    ILogger<CallbackSurveyHandler> logger) : IFollowUpHandler
{
    public string Kind => CallbackSurveys.SurveyKind;

    public async Task HandleAsync(DueFollowUp due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        if (await cases.GetAsync(due.Subject, cancellationToken) is not { Record: var record } || !SurveyRound.IsResolvedIn(record, due.Stage))
        {
            LogNotResolved(logger, due.Subject);
            return;
        }

        var round = due.Stage!;
        if (record.Phone is not { } phone)
        {
            await changes.CloseAsync(record.TicketId, round, AuditEntry.SystemActor, "no phone: closed without a callback survey", rating: null, cancellationToken);
            return;
        }

        // Pending before the text goes out, so the answer always finds it; the no-reply check before both, so a
        // survey never waits for ever.
        var expiresAt = due.DueAt + options.Value.AnswerWindow;
        var language = SmsLanguage.Normalize(record.Language);
        await followUps.ScheduleAsync(CallbackSurveys.NoReplyKind, record.TicketId, expiresAt, cancellationToken, stage: round);
        await pending.AddAsync(phone, record.TicketId, round, language, due.DueAt, expiresAt, cancellationToken);
        await sms.EnqueueAsync(SmsRecipes.CallbackSurvey, record, cancellationToken);
        LogSurveyed(logger, record.TicketId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback survey for case {TicketId} queued")]
    private static partial void LogSurveyed(ILogger logger, string ticketId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {TicketId} is no longer resolved as when its survey was scheduled; no survey")]
    private static partial void LogNotResolved(ILogger logger, string ticketId);
}
