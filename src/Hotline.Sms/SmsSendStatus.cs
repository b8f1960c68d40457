namespace Hotline.Sms;

public enum SmsSendStatus
{
    /// <summary>The provider accepted the message (or the outbox recorded it).</summary>
    Sent,

    /// <summary>A transient failure (throttling, provider outage, timeout) outlasted the in-process retries: try again later with the same key.</summary>
    RetryLater,

    /// <summary>The message can never be delivered as it is (invalid number, opted out…): record it on the case, never retry.</summary>
    PermanentFailure,
}
