namespace Hotline.Sms;

/// <summary>A text ready to send, rendered from a catalogue template (see <see cref="Templates.SmsComposer"/>).</summary>
/// <param name="MessageKey">
/// The caller's idempotency key, stable across retries of the same logical message, e.g. "officer-task:K7M3QX:o-dx-1".
/// At most 200 characters, no control characters.
/// </param>
/// <param name="To">Recipient in E.164 (see <see cref="Phones.PhoneNumber.TryNormalize"/>).</param>
/// <param name="Template">Catalogue template name, kept for logs and the outbox.</param>
/// <param name="Language">Template language ("zh-CN" or "en").</param>
/// <param name="Body">The rendered text.</param>
public sealed record OutgoingSms(string MessageKey, string To, string Template, string Language, string Body)
{
    public const int MaxMessageKeyLength = 200;

    /// <summary>
    /// Awaited by the provider right before its request goes out: false means another send of this key has taken it
    /// over, and nothing is sent. The ledger (<see cref="Ledger.DeduplicatingSmsSender"/>) sets it to record the
    /// moment, so that a send that stopped before it is known not to have gone out.
    /// </summary>
    public Func<CancellationToken, Task<bool>>? BeforeRequest { get; init; }

    /// <summary>Why this message cannot be sent as it is, or null when it is well formed.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(MessageKey) || MessageKey.Length > MaxMessageKeyLength || MessageKey.Any(char.IsControl)
            ? "MessageKey must be 1-200 characters without control characters."
        : !Phones.PhoneNumber.IsE164(To) ? "To is not an E.164 phone number."
        : string.IsNullOrEmpty(Body) ? "Body is empty."
        : Body.Length > Templates.SmsSegments.MaxBodyLength ? "Body is longer than 1,600 characters."
        : null;

    /// <summary>Keeps the phone number out of ToString(), which ends up in logs and exception messages.</summary>
    public override string ToString() =>
        $"OutgoingSms {{ MessageKey = {MessageKey}, To = {Phones.PhoneMask.Mask(To)}, Template = {Template}, Language = {Language}, Body.Length = {Body?.Length} }}";
}
