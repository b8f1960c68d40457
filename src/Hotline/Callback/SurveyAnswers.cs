using Hotline.Cases;
using Hotline.Routing;
using Hotline.SmsInbound;

namespace Hotline.Callback;

/// <summary>
/// A caller's rating by SMS. The latest survey sent to the phone that is still open is the one rated; it is marked
/// with the text's MessageSid before the case changes (under the row's ETag, so of two answers at once one wins),
/// so a repeat of that text whose first delivery died part-way finishes the same rating and gets the same reply.
/// The inbound log answers an ordinary repeat before this runs. With no survey open the answer is null (help).
/// </summary>
public sealed partial class SurveyAnswers(
    PendingSurveys pending,
    CaseStore cases,
    SurveyCaseChanges changes,
    DirectoryProvider directories,
    ILogger<SurveyAnswers> logger)
{
    private const int MaxAttempts = 5;

    public async Task<SmsReply?> AnswerAsync(InboundSms sms, int rating, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var raced = false;
            foreach (var survey in await pending.FindOpenAsync(sms.From, cancellationToken))
            {
                if (survey.AnsweredBy is { } by && by != sms.MessageSid)
                {
                    continue;
                }

                if (await cases.GetAsync(survey.TicketId, cancellationToken) is not { Record: var record })
                {
                    continue;
                }

                var rated = survey.Rating ?? rating;
                if (survey.AnsweredBy is not null)
                {
                    // This very text, delivered again after its first delivery stopped part-way: finish what it began.
                    await FinishAsync(record, survey, rated, cancellationToken);
                    return Reply(survey, rated);
                }

                if (!SurveyRound.IsResolvedIn(record, survey.Round))
                {
                    continue;
                }

                if (!await pending.TryMarkAnsweredAsync(sms.From, survey, sms.MessageSid, rating, cancellationToken))
                {
                    raced = true;
                    break;
                }

                if (await changes.ApplyRatingAsync(survey.TicketId, survey.Round, rating, cancellationToken) is null)
                {
                    // The case moved on between the read and the change (its window closed that moment): the digit was
                    // meant for it, not for an older survey, so it rates nothing.
                    return null;
                }

                LogRated(logger, survey.TicketId, rating);
                return Reply(survey, rating);
            }

            if (!raced)
            {
                return null;
            }
        }

        return null;
    }

    private async Task FinishAsync(CaseRecord record, PendingSurvey survey, int rating, CancellationToken cancellationToken)
    {
        if (SurveyRound.IsResolvedIn(record, survey.Round))
        {
            await changes.ApplyRatingAsync(survey.TicketId, survey.Round, rating, cancellationToken);
        }
        else if (rating < SurveyCaseChanges.ClosingRating && record is { Status: CaseStatus.Assigned or CaseStatus.Acknowledged, Rating: not null })
        {
            // Reopened, but the texts after the save may not have gone: they carry keys, so queueing them again is safe.
            await changes.FinishReopenAsync(record, record.UnitId, await directories.GetAsync(cancellationToken));
        }
    }

    private static SmsReply Reply(PendingSurvey survey, int rating) =>
        SmsReply.Of(rating >= SurveyCaseChanges.ClosingRating ? "survey-closed" : "survey-reopened", survey.Language, survey.TicketId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {TicketId} rated {Rating} by the caller")]
    private static partial void LogRated(ILogger logger, string ticketId, int rating);
}
