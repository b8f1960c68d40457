namespace Hotline.SmsInbound;

/// <summary>The answer to an inbound text: a template of the catalogue, never free text (SPEC "Platform").</summary>
public sealed record SmsReply(string Template, string Language, IReadOnlyDictionary<string, string> Args)
{
    public static SmsReply Of(string template, string language) => new(template, language, new Dictionary<string, string>());

    public static SmsReply Of(string template, string language, string ticketId) =>
        new(template, language, new Dictionary<string, string> { ["ticketId"] = ticketId });
}
