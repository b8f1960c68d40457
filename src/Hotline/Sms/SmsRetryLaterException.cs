namespace Hotline.Sms;

/// <summary>The provider could not take the text now; failing the invocation lets the queue bring it back later.</summary>
public sealed class SmsRetryLaterException(string messageKey, string? errorCode)
    : Exception($"SMS {messageKey} could not be sent ({errorCode ?? "no code"}) after every retry; the host poison-queues it.")
{
    public string MessageKey { get; } = messageKey;
}
