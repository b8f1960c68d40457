namespace Hotline.Sms.Templates;

/// <summary>The two languages every template is written in.</summary>
public static class SmsLanguage
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = [Chinese, English];

    /// <summary>
    /// Maps a caller's language tag to a template language: anything English ("en", "en-GB") is English,
    /// everything else, including no preference, is Chinese (the spec's default).
    /// </summary>
    public static string Normalize(string? language) =>
        language is not null && language.Trim().StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? English
            : Chinese;
}
