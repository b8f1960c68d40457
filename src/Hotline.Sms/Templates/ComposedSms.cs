namespace Hotline.Sms.Templates;

/// <summary>A text rendered from a template and fitted to the segment budget.</summary>
/// <param name="Shortened">True when a shortenable parameter was cut to fit.</param>
public sealed record ComposedSms(string Template, string Language, string Body, int Segments, SmsEncoding Encoding, bool Shortened)
{
    /// <summary>The message to hand to an <see cref="ISmsSender"/>.</summary>
    public OutgoingSms ToOutgoing(string messageKey, string to) => new(messageKey, to, Template, Language, Body);
}
