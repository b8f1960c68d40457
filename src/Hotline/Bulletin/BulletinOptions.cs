using System.ComponentModel.DataAnnotations;

namespace Hotline.Bulletin;

/// <summary>The daily bulletin (信息通报) to unit heads (SPEC "Follow-up").</summary>
public sealed class BulletinOptions
{
    public const string Section = "Hotline:Bulletin";

    /// <summary>China time of day the bulletin goes out; it covers the 24 hours before.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:00")]
    public TimeSpan SendAt { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Next send time strictly after <paramref name="instant"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset instant)
    {
        var china = Cases.ChinaTime.ToChina(instant);
        var today = new DateTimeOffset(china.Date, china.Offset) + SendAt;
        return (today > china ? today : today.AddDays(1)).ToUniversalTime();
    }
}
