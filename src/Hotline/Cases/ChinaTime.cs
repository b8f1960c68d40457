using System.Globalization;

namespace Hotline.Cases;

/// <summary>China Standard Time (UTC+8, no daylight saving): what officers and callers read in texts.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset ToChina(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>"11月22日 16:30": short enough for a text, unambiguous within the year.</summary>
    public static string Format(DateTimeOffset instant) =>
        ToChina(instant).ToString("M月d日 HH:mm", CultureInfo.InvariantCulture);
}
