using Hotline.Cases;
using Hotline.Sms.Phones;
using Microsoft.Extensions.Options;

namespace Hotline.Sms;

/// <summary>
/// The rules of the sending path that need the text's case, so every producer's texts obey them without the producer
/// doing anything: a text whose <see cref="SmsRequest.OnlyWhile"/> no longer holds is dropped, and in quiet hours a text
/// is held unless its case is a <c>major_incident</c> (a text with no case is held). The case is read once, and only
/// when a rule needs it: a text with a condition, or any text in quiet hours.
/// </summary>
public sealed partial class SendingRules(CaseStore cases, IOptions<QuietHoursOptions> quietHours, TimeProvider time, ILogger<SendingRules> logger)
{
    public async Task<SendingDecision> DecideAsync(SmsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var quiet = quietHours.Value.IsQuiet(time.GetUtcNow());
        if (request.OnlyWhile is null && !quiet)
        {
            return SendingDecision.Send;
        }

        var record = string.IsNullOrEmpty(request.TicketId) ? null : (await cases.GetAsync(request.TicketId, cancellationToken))?.Record;
        if (request.OnlyWhile?.Fails(record) is { } reason)
        {
            var recipient = PhoneMask.Mask(request.To);
            LogDropped(logger, request.Template, request.TicketId, recipient, reason);
            return SendingDecision.Drop;
        }

        return quiet && record?.Priority != CasePriority.MajorIncident ? SendingDecision.Hold : SendingDecision.Send;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS {Template} for case {TicketId} to {Recipient} dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string template, string ticketId, string recipient, string reason);
}
