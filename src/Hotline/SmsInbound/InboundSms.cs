namespace Hotline.SmsInbound;

/// <summary>A text received on the hotline number, as Twilio's webhook describes it.</summary>
/// <param name="From">The sender, E.164.</param>
/// <param name="Body">The text, trimmed; empty for a picture without words.</param>
/// <param name="Language">The language the text is written in, for the reply.</param>
public sealed record InboundSms(string MessageSid, string From, string Body, string Language);
