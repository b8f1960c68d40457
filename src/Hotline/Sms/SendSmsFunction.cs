using Hotline.Sms.Phones;
using Hotline.Sms.Templates;
using Hotline.SmsInbound;
using Hotline.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Hotline.Sms;

/// <summary>
/// The SendSms queue function: composes a text from its template and hands it to the sender, which sends each
/// message key once (the Twilio sender through its ledger, the outbox by its key). Retries have two layers. When
/// the provider did not take the text (429, 5xx, unreachable, or another attempt still holding the key), it is
/// queued again with a growing delay: the queue's own retries come seconds apart, too soon for a throttled provider
/// or a crashed sender's claim to clear. An invocation that fails (storage down, a crash) is retried by the host's
/// dequeue count; after <see cref="MaxAttempts"/> re-queues the invocation fails too, so the host poison-queues it.
/// The sender itself does not retry. A permanent failure (invalid number, opted out) is final. A send whose outcome is
/// unknown (no answer after the request went out) is queued again for when the sender says it may be checked: that
/// try asks the provider whether it has the text before anything is sent again (the ledger's decision, in Hotline.Sms).
/// Before the sender, <see cref="SendingRules"/> drops a text whose case condition no longer holds and holds one that
/// falls in quiet hours (<see cref="HeldTexts"/>, released through the due-check loop back onto this queue); behind it,
/// the same text to the same phone within 24 h is suppressed (Hotline.Sms's same-text rule).
/// </summary>
public sealed partial class SendSmsFunction(
    SmsComposer composer,
    ISmsSender sender,
    OptOutList optOuts,
    SendingRules rules,
    HeldTexts held,
    SmsNotifications sms,
    ILogger<SendSmsFunction> logger)
{
    /// <summary>A message without messageKey, to or template fails: the host poison-queues it.</summary>
    [Function(nameof(SendSms))]
    public async Task SendSms([QueueTrigger(HotlineStorage.SmsOutboundQueue)] SmsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.MessageKey) || string.IsNullOrEmpty(request.To) || string.IsNullOrEmpty(request.Template))
        {
            throw new InvalidOperationException("The sms-outbound message lacks messageKey, to or template.");
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["TicketId"] = request.TicketId, ["MessageKey"] = request.MessageKey });

        // SPEC "SMS": nothing more to a phone that texted STOP but the confirmation (which goes back as the webhook's reply).
        if (request.Template != "opt-out-confirmed" && await optOuts.IsOptedOutAsync(request.To, cancellationToken))
        {
            var optedOut = PhoneMask.Mask(request.To);
            LogOptedOut(logger, request.Template, optedOut);
            return;
        }

        // Composed before it may be held, so a text that can never be sent fails now, not at the end of the night.
        var composed = composer.Compose(request.Template, request.Language, request.Args);
        var recipient = PhoneMask.Mask(request.To);
        switch (await rules.DecideAsync(request, cancellationToken))
        {
            case SendingDecision.Drop:
                return;
            case SendingDecision.Hold:
                var text = await held.HoldAsync(request, cancellationToken);
                LogHeld(logger, request.Template, recipient, text.ReleaseAt);
                return;
        }

        var result = await sender.SendAsync(composed.ToOutgoing(request.MessageKey, request.To), cancellationToken);
        switch (result.Status)
        {
            case SmsSendStatus.Sent:
                LogSent(logger, request.Template, recipient, composed.Segments);
                return;
            case SmsSendStatus.Suppressed:
                LogSuppressed(logger, request.Template, recipient);
                return;
            case SmsSendStatus.PermanentFailure:
                if (result.ErrorCode == OptOutList.ByCarrierRefusal)
                {
                    // Twilio 21610: the recipient replied STOP to the number itself; keep our list in step with it.
                    await optOuts.OptOutAsync(request.To, OptOutList.ByCarrierRefusal, cancellationToken);
                }

                LogPermanentFailure(logger, request.Template, recipient, result.ErrorCode);
                return;
            case SmsSendStatus.Unknown:
                // Not sooner than the sender's check is due, whatever the back-off says: an earlier try only learns it must wait.
                var check = await QueueAgainAsync(request, result, result.RetryAfter ?? RetryDelay(request.Attempt, null), cancellationToken);
                LogOutcomeUnknown(logger, request.Template, recipient, result.ErrorCode, check);
                return;
            default:
                var delay = await QueueAgainAsync(request, result, RetryDelay(request.Attempt, result.RetryAfter), cancellationToken);
                LogRetryLater(logger, request.Template, recipient, result.ErrorCode, delay);
                return;
        }
    }

    private async Task<TimeSpan> QueueAgainAsync(SmsRequest request, SmsSendResult result, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (request.Attempt + 1 >= MaxAttempts)
        {
            throw new SmsRetryLaterException(request.MessageKey, result.ErrorCode);
        }

        await sms.EnqueueAsync(request with { Attempt = request.Attempt + 1 }, delay, cancellationToken);
        return delay;
    }

    /// <summary>Tries before giving up: with the delays below, about three hours in all.</summary>
    public const int MaxAttempts = 8;

    /// <summary>1, 2, 4 … minutes, at most an hour, and never sooner than the provider asked.</summary>
    private static TimeSpan RetryDelay(int attempt, TimeSpan? retryAfter)
    {
        var backOff = TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, attempt)));
        return retryAfter is { } asked && asked > backOff ? asked : backOff;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS {Template} sent to {Recipient} in {Segments} segment(s)")]
    private static partial void LogSent(ILogger logger, string template, string recipient, int segments);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS {Template} to {Recipient} not sent: the recipient opted out")]
    private static partial void LogOptedOut(ILogger logger, string template, string recipient);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS {Template} to {Recipient} held for quiet hours until {ReleaseAt}")]
    private static partial void LogHeld(ILogger logger, string template, string recipient, DateTimeOffset releaseAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS {Template} to {Recipient} not sent: the same text went to this phone within the same-text window")]
    private static partial void LogSuppressed(ILogger logger, string template, string recipient);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS {Template} to {Recipient} must wait ({ErrorCode}); queued again in {Delay}")]
    private static partial void LogRetryLater(ILogger logger, string template, string recipient, string? errorCode, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS {Template} to {Recipient} may or may not have gone out ({ErrorCode}); queued again in {Delay} to be checked before any new send")]
    private static partial void LogOutcomeUnknown(ILogger logger, string template, string recipient, string? errorCode, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS {Template} to {Recipient} failed permanently with {ErrorCode}")]
    private static partial void LogPermanentFailure(ILogger logger, string template, string recipient, string? errorCode);
}
