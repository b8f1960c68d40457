using Hotline.Sms.Phones;

namespace Hotline.SmsInbound;

/// <summary>
/// Twilio's delivery status callback for a text we sent (https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks):
/// the status moves only forward, and error 21610 (the recipient opted out with Twilio) puts the phone on our own
/// opt-out list, as RapidPro's courier does, so nothing more is tried.
/// </summary>
public sealed partial class DeliveryStatusRecorder(DeliveryStatusStore statuses, OptOutList optOuts, ILogger<DeliveryStatusRecorder> logger)
{
    public async Task RecordAsync(string messageSid, string? status, string? errorCode, string? to, CancellationToken cancellationToken)
    {
        if (DeliveryStatus.Rank(status) is not { } rank)
        {
            // An inbound status or one Twilio added since: nothing to record, and nothing for Twilio to retry.
            var shown = LogSafe(status, 24, char.IsAsciiLetterLower) ?? "(none or not a status)";
            LogIgnored(logger, shown);
            return;
        }

        var moved = await statuses.RecordAsync(messageSid, status!.ToLowerInvariant(), rank, errorCode, cancellationToken);
        if (errorCode == OptOutList.ByCarrierRefusal && to is not null)
        {
            await optOuts.OptOutAsync(to, OptOutList.ByCarrierRefusal, cancellationToken);
            var recipient = PhoneMask.Mask(to);
            LogOptedOutByTwilio(logger, recipient);
        }

        var code = LogSafe(errorCode, 6, char.IsAsciiDigit) ?? "-";
        LogRecorded(logger, status, code, moved);
    }

    /// <summary>
    /// A field fit for the log: a short word of the expected characters (a status word, a Twilio error code of a few
    /// digits), else null. The callback is signed, but its fields are not ours to print whole: a phone number sent
    /// as the status or the error code would reach the log.
    /// </summary>
    private static string? LogSafe(string? value, int maxLength, Func<char, bool> allowed) =>
        value is { Length: > 0 } && value.Length <= maxLength && value.All(c => allowed(c) || c == '_') ? value : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery status {Status} (error {ErrorCode}) recorded: {Moved}")]
    private static partial void LogRecorded(ILogger logger, string status, string errorCode, bool moved);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery status {Status} is not one of an outgoing text; ignored")]
    private static partial void LogIgnored(ILogger logger, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Twilio refused a text to {Recipient} as opted out (21610); the phone is on the opt-out list")]
    private static partial void LogOptedOutByTwilio(ILogger logger, string recipient);
}
