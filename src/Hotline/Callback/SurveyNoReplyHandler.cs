using System.Globalization;
using Hotline.Cases;
using Hotline.FollowUp;
using Microsoft.Extensions.Options;

namespace Hotline.Callback;

/// <summary>
/// The answer window has run out. A case still resolved by the round is closed as "no reply", and nothing is texted;
/// a rating that was taken but whose case change never got saved (the delivery died in between) is applied
/// instead. The pending survey goes either way.
/// </summary>
public sealed class SurveyNoReplyHandler(
    CaseStore cases,
    PendingSurveys pending,
    SurveyCaseChanges changes,
    IOptions<CallbackOptions> options) : IFollowUpHandler
{
    public string Kind => CallbackSurveys.NoReplyKind;

    public async Task HandleAsync(DueFollowUp due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        if (await cases.GetAsync(due.Subject, cancellationToken) is not { Record: var record } || due.Stage is not { } round)
        {
            return;
        }

        var survey = record.Phone is { } phone ? await pending.GetAsync(phone, record.TicketId, cancellationToken) : null;
        if (SurveyRound.IsResolvedIn(record, round))
        {
            if (survey is { Rating: { } rating } && survey.Round == round)
            {
                await changes.ApplyRatingAsync(record.TicketId, round, rating, cancellationToken);
            }
            else
            {
                var why = string.Create(CultureInfo.InvariantCulture, $"no reply to the callback survey within {options.Value.AnswerWindow.TotalHours:0.##} h");
                await changes.CloseAsync(record.TicketId, round, AuditEntry.SystemActor, why, rating: null, cancellationToken);
            }
        }

        if (record.Phone is { } caller)
        {
            await pending.RemoveAsync(caller, record.TicketId, round, cancellationToken);
        }
    }
}
