namespace Hotline.Sms;

/// <summary>
/// The reserved words of inbound SMS. Twilio acts on the English ones itself on long codes
/// (https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out) and then rejects sends with 21610, so our own
/// opt-out flag must follow the same words; the Chinese ones are the hotline's (spec: 退订 / 订阅 / 帮助).
/// A keyword is the whole message, trimmed, in any case.
/// </summary>
public static class SmsKeywords
{
    public static IReadOnlySet<string> OptOut { get; } = Set("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "退订", "TD");

    public static IReadOnlySet<string> OptIn { get; } = Set("START", "YES", "UNSTOP", "订阅");

    public static IReadOnlySet<string> Help { get; } = Set("HELP", "INFO", "帮助");

    public static bool IsOptOut(string? body) => Matches(OptOut, body);

    public static bool IsOptIn(string? body) => Matches(OptIn, body);

    public static bool IsHelp(string? body) => Matches(Help, body);

    private static bool Matches(IReadOnlySet<string> words, string? body) =>
        body is not null && words.Contains(body.Trim().TrimEnd('.', '!', '。', '！'));

    private static HashSet<string> Set(params string[] words) => new(words, StringComparer.OrdinalIgnoreCase);
}
