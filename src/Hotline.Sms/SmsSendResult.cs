namespace Hotline.Sms;

/// <param name="Status">What the caller should do next.</param>
/// <param name="ProviderMessageId">Twilio's message SID ("SM…"), or the outbox key.</param>
/// <param name="ErrorCode">Provider error code (Twilio's numeric code as text, e.g. "21610"), or one of <see cref="SmsErrorCodes"/>.</param>
/// <param name="Detail">Human-readable reason; phone numbers in it are masked.</param>
/// <param name="RetryAfter">
/// For <see cref="SmsSendStatus.RetryLater"/>: the wait the provider asked for, when it said. For
/// <see cref="SmsSendStatus.Unknown"/>: when to try the key again, so the ledger asks the provider (set by the ledger).
/// </param>
/// <param name="Segments">Segments the provider reported or we counted, when known.</param>
public sealed record SmsSendResult(
    SmsSendStatus Status,
    string? ProviderMessageId = null,
    string? ErrorCode = null,
    string? Detail = null,
    TimeSpan? RetryAfter = null,
    int? Segments = null)
{
    public bool IsSent => Status == SmsSendStatus.Sent;

    public static SmsSendResult Sent(string providerMessageId, int? segments = null) =>
        new(SmsSendStatus.Sent, providerMessageId, Segments: segments);

    public static SmsSendResult RetryLater(string? errorCode, string? detail, TimeSpan? retryAfter = null) =>
        new(SmsSendStatus.RetryLater, ErrorCode: errorCode, Detail: detail, RetryAfter: retryAfter);

    public static SmsSendResult PermanentFailure(string? errorCode, string? detail) =>
        new(SmsSendStatus.PermanentFailure, ErrorCode: errorCode, Detail: detail);

    public static SmsSendResult Suppressed(string? detail) =>
        new(SmsSendStatus.Suppressed, ErrorCode: SmsErrorCodes.SameText, Detail: detail);

    public static SmsSendResult Unknown(string? errorCode, string? detail, TimeSpan? checkAfter = null) =>
        new(SmsSendStatus.Unknown, ErrorCode: errorCode, Detail: detail, RetryAfter: checkAfter);
}
