using System.Text.Json;
using Hotline.Hosting;
using Hotline.Sms.Phones;
using Hotline.Sms.Templates;
using Hotline.SmsInbound;

namespace Hotline.Sms;

/// <summary>
/// The SendSms queue function: composes a text from its template and hands it to the sender, which sends each
/// message key once (the Twilio sender through its ledger, the outbox by its key). A temporary provider failure
/// fails the invocation so the host retries the message later and finally poison-queues it; a permanent failure
/// (invalid number, opted out) is final and not retried.
/// </summary>
public sealed partial class SendSmsFunction(SmsComposer composer, ISmsSender sender, OptOutList optOuts, ILogger<SendSmsFunction> logger)
{
    public async Task<InvocationResult> RunAsync(InvocationRequest invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var request = Parse(invocation.GetText("message"));
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["TicketId"] = request.TicketId, ["MessageKey"] = request.MessageKey });

        // SPEC "SMS": nothing more to a phone that texted STOP but the confirmation (which goes back as the webhook's reply).
        if (request.Template != "opt-out-confirmed" && await optOuts.IsOptedOutAsync(request.To, cancellationToken))
        {
            var optedOut = PhoneMask.Mask(request.To);
            LogOptedOut(logger, request.Template, optedOut);
            return InvocationResult.WithLogs($"{request.MessageKey} not sent: the recipient opted out");
        }

        var composed = composer.Compose(request.Template, request.Language, request.Args);
        var result = await sender.SendAsync(composed.ToOutgoing(request.MessageKey, request.To), cancellationToken);
        var recipient = PhoneMask.Mask(request.To);
        switch (result.Status)
        {
            case SmsSendStatus.Sent:
                LogSent(logger, request.Template, recipient, composed.Segments);
                return InvocationResult.WithLogs($"sent {request.MessageKey}");
            case SmsSendStatus.PermanentFailure:
                LogPermanentFailure(logger, request.Template, recipient, result.ErrorCode);
                return InvocationResult.WithLogs($"{request.MessageKey} failed permanently ({result.ErrorCode})");
            default:
                throw new SmsRetryLaterException(request.MessageKey, result.ErrorCode);
        }
    }

    private static SmsRequest Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new InvalidOperationException("The sms-outbound message is empty.");
        }

        var request = JsonSerializer.Deserialize(text, HotlineJsonContext.Default.SmsRequest);
        if (request is null || string.IsNullOrEmpty(request.MessageKey) || string.IsNullOrEmpty(request.To) || string.IsNullOrEmpty(request.Template))
        {
            throw new InvalidOperationException("The sms-outbound message lacks messageKey, to or template.");
        }

        return request;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS {Template} sent to {Recipient} in {Segments} segment(s)")]
    private static partial void LogSent(ILogger logger, string template, string recipient, int segments);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS {Template} to {Recipient} not sent: the recipient opted out")]
    private static partial void LogOptedOut(ILogger logger, string template, string recipient);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS {Template} to {Recipient} failed permanently with {ErrorCode}")]
    private static partial void LogPermanentFailure(ILogger logger, string template, string recipient, string? errorCode);
}
