using System.ComponentModel.DataAnnotations;

namespace Hotline.Callback;

/// <summary>The callback survey's windows (SPEC "Follow-up": one day after resolution, 72 h to answer); configurable.</summary>
public sealed class CallbackOptions
{
    public const string Section = "Hotline:Callback";

    /// <summary>How long after resolution the caller gets the survey.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SurveyDelay { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long the caller has to answer before a still-resolved case is closed as "no reply".</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan AnswerWindow { get; set; } = TimeSpan.FromHours(72);
}
