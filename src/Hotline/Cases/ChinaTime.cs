namespace Hotline.Cases;

/// <summary>China Standard Time (UTC+8, no daylight saving): what officers and callers read.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset ToChina(DateTimeOffset instant) => instant.ToOffset(Offset);
}
