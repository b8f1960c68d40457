using Azure;

namespace Hotline.Sms;

/// <summary>A text held back by quiet hours, as stored by <see cref="HeldTexts"/>.</summary>
/// <param name="Id">A hash of the message key: one held row per text, however often its message was delivered.</param>
/// <param name="ClaimedUntil">Set while a release is under way; another run of the release leaves it alone until then.</param>
public sealed record HeldText(string Id, SmsRequest Request, DateTimeOffset HeldAt, DateTimeOffset ReleaseAt, DateTimeOffset? ClaimedUntil, ETag ETag);
