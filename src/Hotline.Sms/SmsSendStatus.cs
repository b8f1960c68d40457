namespace Hotline.Sms;

public enum SmsSendStatus
{
    /// <summary>The provider accepted the message (or the outbox recorded it).</summary>
    Sent,

    /// <summary>The provider did not take the message (throttling, provider outage, unreachable): try again later with the same key.</summary>
    RetryLater,

    /// <summary>The message can never be delivered as it is (invalid number, opted out…): record it on the case, never retry.</summary>
    PermanentFailure,

    /// <summary>
    /// The request may have reached the provider but no answer came back (a timeout, a connection lost mid-request, a
    /// sender that died mid-send): the text may or may not have gone out. Not sent again blindly: after
    /// <see cref="SmsOptions.UnknownOutcomeCheckAfter"/> (<see cref="SmsSendResult.RetryAfter"/>) the same key is tried
    /// again, and the ledger asks the provider (<see cref="ISentSmsLookup"/>) whether it has the message before it sends.
    /// </summary>
    Unknown,

    /// <summary>
    /// Not sent because the same text went to the same phone within <see cref="SmsOptions.SameTextWindow"/> (the
    /// operator rule: no two identical texts to one phone in 24 h). Final: never retried.
    /// </summary>
    Suppressed,
}
