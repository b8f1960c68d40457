using System.Globalization;

namespace Hotline.Sms.Templates;

/// <summary>Formats times for SMS in China time, the clock every recipient lives by.</summary>
public static class SmsTime
{
    /// <summary>China Standard Time has been UTC+8 without daylight saving since 1991, so a fixed offset is exact.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>"6月3日 14:30" in Chinese, "3 Jun 14:30" in English.</summary>
    public static string Format(DateTimeOffset at, string language)
    {
        var local = at.ToOffset(ChinaOffset);
        return SmsLanguage.Normalize(language) == SmsLanguage.English
            ? local.ToString("d MMM HH:mm", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{local.Month}月{local.Day}日 {local:HH:mm}");
    }

    /// <summary>"6月3日" in Chinese, "3 Jun" in English.</summary>
    public static string FormatDate(DateTimeOffset at, string language)
    {
        var local = at.ToOffset(ChinaOffset);
        return SmsLanguage.Normalize(language) == SmsLanguage.English
            ? local.ToString("d MMM", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{local.Month}月{local.Day}日");
    }
}
