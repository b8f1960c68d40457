using Hotline.Sms.Templates;

namespace Hotline.Cases;

/// <summary>China Standard Time (UTC+8, no daylight saving): what officers and callers read.</summary>
public static class ChinaTime
{
    /// <summary>One definition for the whole product: the texts' (<see cref="SmsTime"/>) is the source.</summary>
    public static TimeSpan Offset => SmsTime.ChinaOffset;

    public static DateTimeOffset ToChina(DateTimeOffset instant) => instant.ToOffset(Offset);
}
