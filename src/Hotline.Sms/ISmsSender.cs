namespace Hotline.Sms;

/// <summary>
/// The seam between the hotline and an SMS provider (Twilio today; a mainland template-SMS provider can be
/// added behind it). Implementations never throw for provider failures: they answer with a <see cref="SmsSendResult"/>.
/// Sending the same <see cref="OutgoingSms.MessageKey"/> again does not send a second text.
/// </summary>
public interface ISmsSender
{
    Task<SmsSendResult> SendAsync(OutgoingSms sms, CancellationToken cancellationToken);
}
