namespace Hotline.Sms;

/// <param name="Status">What the lookup learnt.</param>
/// <param name="ProviderMessageId">For <see cref="SmsLookupStatus.Found"/>: the message's SID ("SM…").</param>
/// <param name="ProviderStatus">For <see cref="SmsLookupStatus.Found"/>: the provider's status of it ("queued", "delivered" …).</param>
/// <param name="Segments">For <see cref="SmsLookupStatus.Found"/>: the segments the provider counted, when it said.</param>
/// <param name="ErrorCode">For <see cref="SmsLookupStatus.Failed"/>: the provider's code, or one of <see cref="SmsErrorCodes"/>.</param>
/// <param name="Detail">For <see cref="SmsLookupStatus.Failed"/>: why, with phone numbers masked.</param>
public sealed record SmsLookupResult(
    SmsLookupStatus Status,
    string? ProviderMessageId = null,
    string? ProviderStatus = null,
    int? Segments = null,
    string? ErrorCode = null,
    string? Detail = null)
{
    public static SmsLookupResult NotFound { get; } = new(SmsLookupStatus.NotFound);

    public static SmsLookupResult Found(string providerMessageId, string? providerStatus, int? segments) =>
        new(SmsLookupStatus.Found, providerMessageId, providerStatus, segments);

    public static SmsLookupResult Failed(string? errorCode, string? detail) =>
        new(SmsLookupStatus.Failed, ErrorCode: errorCode, Detail: detail);
}
