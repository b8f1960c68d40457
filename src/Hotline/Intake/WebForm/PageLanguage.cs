namespace Hotline.Intake.WebForm;

/// <summary>The two languages the pages speak. Anything but "en" is Chinese, the default for the hotline's callers.</summary>
internal readonly record struct PageLanguage(bool IsEnglish)
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public string Code => IsEnglish ? English : Chinese;

    public static PageLanguage From(string? language) =>
        new(string.Equals(language?.Trim(), English, StringComparison.OrdinalIgnoreCase)
            || (language?.Trim().StartsWith("en-", StringComparison.OrdinalIgnoreCase) ?? false));

    /// <summary>The text in this language; both versions sit side by side where they are used.</summary>
    public string Pick(string chinese, string english) => IsEnglish ? english : chinese;
}
