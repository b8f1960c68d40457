namespace Hotline.Sms;

/// <summary>
/// The message on the sms-outbound queue: one text to one recipient, from a named template.
/// <see cref="MessageKey"/> is derived from the case and purpose, so the same notification asked for twice is sent once.
/// <see cref="Attempt"/> counts the times the provider asked to try later. <see cref="OnlyWhile"/>, when set, says what
/// must still hold of the case for the text to go out.
/// </summary>
public sealed record SmsRequest(
    string MessageKey,
    string TicketId,
    string To,
    string Template,
    string Language,
    IReadOnlyDictionary<string, string> Args,
    int Attempt = 0,
    CaseCondition? OnlyWhile = null);
