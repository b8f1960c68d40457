using System.Globalization;
using Hotline.Callback;
using Hotline.Cases;
using Hotline.Hosting;
using Hotline.Intake;
using Hotline.Routing;
using Hotline.Routing.Directory;
using Microsoft.Extensions.Options;

namespace Hotline.SmsInbound;

/// <summary>
/// What a caller's text does (SPEC "SMS", caller table): HELP, a status query for the caller's own case, the place
/// asked for, or a report, which starts a case or joins the caller's open one (并单). Texting the hotline is taken as
/// consent to handle the report and answer by SMS, as the web form's consent box asks: the caller chose this channel,
/// and the first reply says how to stop (help) and STOP always works.
/// </summary>
public sealed partial class CallerMessages(
    CaseIntake intake,
    CaseStore cases,
    Classification.CaseClassifier classifier,
    PlaceConversations conversations,
    SurveyAnswers surveys,
    CaseRoutingQueue routing,
    PublicUrls urls,
    IOptions<IntakeOptions> intakeOptions,
    IOptions<SmsInboundOptions> options,
    TimeProvider time,
    ILogger<CallerMessages> logger)
{
    public const string Channel = "sms";

    /// <summary>What the caller typed as the place, kept in the case at most this long.</summary>
    private const int MaxPlaceLength = 100;

    private const int MaxAttempts = 5;

    public async Task<SmsReply> HandleAsync(InboundSms sms, UnionDirectory directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        ArgumentNullException.ThrowIfNull(directory);
        var body = sms.Body;
        if (Sms.SmsKeywords.IsHelp(body))
        {
            return SmsReply.Of("help", sms.Language);
        }

        if (SmsCommand.TryMatch(body, SmsCommand.Status, out var asked) && asked.Length <= 20)
        {
            return asked.Length == 0 ? SmsReply.Of("help", sms.Language) : await StatusAsync(sms, asked, cancellationToken);
        }

        if (SurveyRating.TryParse(body, out var rating))
        {
            // The answer to the callback survey (回访). Without one open a bare digit is no report either: a case of
            // one digit would give an officer nothing to act on, so it gets help.
            return await surveys.AnswerAsync(sms, rating, cancellationToken) ?? SmsReply.Of("help", sms.Language);
        }

        if (await conversations.FindOpenAsync(sms.From, cancellationToken) is { } open)
        {
            if (body.Length == 0)
            {
                return SmsReply.Of("ask-place-again", open.Language, open.TicketId);
            }

            return await PlaceAnsweredAsync(sms, open, directory, cancellationToken);
        }

        if (body.Length == 0)
        {
            return SmsReply.Of("help", sms.Language);
        }

        // "？？" or "在吗" is no report: a case of it would give an officer a task with nothing to act on. The caller
        // is asked what happened; the answer is a text like any other, and becomes the case.
        return ReportContent.HasSubstance(body, classifier) ? await ReportAsync(sms, directory, cancellationToken) : SmsReply.Of("ask-what-happened", sms.Language);
    }

    private async Task<SmsReply> StatusAsync(InboundSms sms, string asked, CancellationToken cancellationToken)
    {
        var ticketId = TicketId.Normalize(asked);
        if (ticketId is null)
        {
            var quoted = SmsCommand.Quote(asked);
            return quoted.Length == 0 ? SmsReply.Of("help", sms.Language) : SmsReply.Of("ticket-not-found", sms.Language, quoted);
        }

        // Someone else's case answers exactly like a missing one: the reply tells a guesser nothing.
        if (await cases.GetAsync(ticketId, cancellationToken) is not { Record: var record } || !string.Equals(record.Phone, sms.From, StringComparison.Ordinal))
        {
            return SmsReply.Of("ticket-not-found", sms.Language, ticketId);
        }

        return new SmsReply("status-reply", sms.Language, new Dictionary<string, string> { ["ticketId"] = ticketId, ["status"] = record.Status });
    }

    private async Task<SmsReply> ReportAsync(InboundSms sms, UnionDirectory directory, CancellationToken cancellationToken)
    {
        var description = sms.Body.Length > intakeOptions.Value.MaxDescriptionLength ? sms.Body[..intakeOptions.Value.MaxDescriptionLength] : sms.Body;
        var place = PlaceResolver.FindInReport(directory, description);
        var submission = new Submission(description, sms.From, Name: null, place?.Region, Category: null, Employer: null, AffectedCount: null, sms.Language);
        var wait = options.Value.PlaceAnswerWindow;

        // The MessageSid is the idempotency key: a delivery that died after the case was stored finishes that case.
        var outcome = await intake.SubmitAnsweredInlineAsync(submission, Channel, "sms:" + sms.MessageSid, place is null ? wait : TimeSpan.Zero, cancellationToken);
        if (outcome.Merged)
        {
            return SmsReply.Of("case-merged", sms.Language, outcome.TicketId);
        }

        if (place is null)
        {
            await conversations.StartAsync(sms.From, outcome.TicketId, sms.Language, time.GetUtcNow() + wait, cancellationToken);
            LogAskedForPlace(logger, outcome.TicketId);
            return WithCode("ask-place", outcome.TicketId, outcome.TrackingCode, sms.Language);
        }

        return Received(outcome.TicketId, outcome.TrackingCode, sms.Language);
    }

    /// <summary>
    /// The answer to "where do you work?". While the case waits for routing, a place found in the directory becomes its
    /// region and routing is queued at once; after routing, the answer is only recorded. Either way the text goes into
    /// the case for the officer, and the caller gets the receipt with a tracking code of their own, added to the case
    /// as a merged report's code is (the question went out before a code could be given).
    /// </summary>
    private async Task<SmsReply> PlaceAnsweredAsync(InboundSms sms, PlaceConversations.Open open, UnionDirectory directory, CancellationToken cancellationToken)
    {
        var given = sms.Body.Length > MaxPlaceLength ? sms.Body[..MaxPlaceLength] : sms.Body;
        var place = PlaceResolver.Resolve(directory, given);
        var code = TrackingCode.New();
        for (var attempt = 1; ; attempt++)
        {
            if (await cases.GetAsync(open.TicketId, cancellationToken) is not { Record: var record, ETag: var etag })
            {
                // The case is gone (it never got stored): this text is a report of its own.
                await conversations.EndAsync(sms.From, cancellationToken);
                return await ReportAsync(sms, directory, cancellationToken);
            }

            var waiting = record.Status == CaseStatus.Received;
            var applied = waiting && place is not null;
            var now = time.GetUtcNow();
            var stamp = ChinaTime.ToChina(now).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var updated = record with
            {
                Region = applied ? place!.Region : record.Region,
                Description = $"{record.Description}\n\n【{stamp} 地点 / place】{given}",
                TrackingCodeHash = TrackingCode.AddHash(record.TrackingCodeHash, TrackingCode.Hash(record.TicketId, code)),
            };
            var why = place is null ? $"place given by SMS, not found in the directory: {given}"
                : applied ? $"place given by SMS: {given} → region {place.Region} ({place.UnitName})"
                : $"place given by SMS after routing, recorded only: {given} → region {place.Region} ({place.UnitName})";
            try
            {
                await cases.UpdateAsync(updated, etag, new AuditEntry(now, AuditEntry.CallerActor, "place-given", record.Status, record.Status, why), cancellationToken);
            }
            catch (CaseConcurrencyException) when (attempt < MaxAttempts)
            {
                continue;
            }

            if (waiting)
            {
                // Routing was held back for this answer; RouteCase ignores the held message once the case is routed.
                await routing.SendAsync(new RouteCaseMessage(record.TicketId), delay: null, cancellationToken);
            }

            await conversations.EndAsync(sms.From, cancellationToken);
            LogPlaceGiven(logger, record.TicketId, place is not null, applied);
            return Received(record.TicketId, code, open.Language);
        }
    }

    private SmsReply Received(string ticketId, string trackingCode, string language) => WithCode("case-received", ticketId, trackingCode, language);

    /// <summary>A reply that carries what the web answer carries: the ticket, its tracking code and the status page.</summary>
    private SmsReply WithCode(string template, string ticketId, string trackingCode, string language) => new(template, language, new Dictionary<string, string>
    {
        ["ticketId"] = ticketId,
        ["trackingCode"] = trackingCode,
        ["statusUrl"] = urls.StatusPage(ticketId, trackingCode, language),
    });

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {TicketId} has no place yet; the caller was asked for it")]
    private static partial void LogAskedForPlace(ILogger logger, string ticketId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {TicketId}: place given (found {Found}, applied {Applied})")]
    private static partial void LogPlaceGiven(ILogger logger, string ticketId, bool found, bool applied);
}
