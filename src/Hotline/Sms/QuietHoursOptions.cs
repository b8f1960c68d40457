using System.ComponentModel.DataAnnotations;
using Hotline.Cases;

namespace Hotline.Sms;

/// <summary>
/// No SMS between <see cref="Start"/> and <see cref="End"/> China time (SPEC "Follow-up": 22:00–08:00) except for a
/// <c>major_incident</c> case; what is held goes out from <see cref="End"/>, at most <see cref="ReleasePerMinute"/> a minute.
/// </summary>
public sealed class QuietHoursOptions : IValidatableObject
{
    public const string Section = "Hotline:Sms:QuietHours";

    /// <summary>China time of day the quiet hours begin.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan Start { get; set; } = TimeSpan.FromHours(22);

    /// <summary>China time of day they end and held texts start to go out; before <see cref="Start"/> means the next day.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan End { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Most held texts released per run of the due-check loop (a minute). 60 a minute is the one segment a second a
    /// Twilio long code sends; a messaging service with more numbers can take more.
    /// </summary>
    [Range(1, 10_000)]
    public int ReleasePerMinute { get; set; } = 60;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Start == End)
        {
            yield return new ValidationResult("Hotline:Sms:QuietHours:Start and End must differ.", [nameof(Start), nameof(End)]);
        }
    }

    public bool IsQuiet(DateTimeOffset instant)
    {
        var time = ChinaTime.ToChina(instant).TimeOfDay;
        return Start < End ? time >= Start && time < End : time >= Start || time < End;
    }

    /// <summary>The first end of quiet hours after <paramref name="instant"/>: when a text held then goes out.</summary>
    public DateTimeOffset EndAfter(DateTimeOffset instant)
    {
        var china = ChinaTime.ToChina(instant);
        var end = new DateTimeOffset(china.Date + End, ChinaTime.Offset);
        return end > china ? end : end.AddDays(1);
    }
}
