using System.ComponentModel.DataAnnotations;
using Hotline.Cases;
using Hotline.Officers;

namespace Hotline.FollowUp;

/// <summary>Time windows from 12345/12351 practice (SPEC "Follow-up"); all configurable.</summary>
public sealed class FollowUpOptions
{
    public const string Section = "Hotline:FollowUp";

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan AcknowledgementNormal { get; set; } = TimeSpan.FromHours(4);

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan AcknowledgementUrgent { get; set; } = TimeSpan.FromHours(1);

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan AcknowledgementMajorIncident { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Resolution (办结) of a normal case nobody marked harder, counted from the assignment (派单).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan ResolutionGeneral { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Resolution of a normal case its officer marked <c>difficult</c>.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan ResolutionDifficult { get; set; } = TimeSpan.FromDays(15);

    /// <summary>Resolution of a normal case its officer marked <c>very_complex</c>.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan ResolutionVeryComplex { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Resolution of an urgent case, whatever its complexity.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan ResolutionUrgent { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Resolution of a major incident (重大事项), whatever its complexity.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan ResolutionMajorIncident { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a received case may wait for routing before its routing message is queued again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan RoutingGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a stalled case is queued again before it is left for a person to look at.</summary>
    [Range(1, 20)]
    public int MaxRoutingRequeues { get; set; } = 3;

    /// <summary>Most due follow-ups of one kind a sweep dispatches; the rest wait for the next run (a minute later).</summary>
    [Range(1, 10_000)]
    public int MaxFollowUpsPerRun { get; set; } = 1000;

    /// <summary>How long a dispatched follow-up is left to RunFollowUp before a sweep dispatches it again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan DispatchClaim { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan AcknowledgementWindow(string priority) => priority switch
    {
        CasePriority.MajorIncident => AcknowledgementMajorIncident,
        CasePriority.Urgent => AcknowledgementUrgent,
        _ => AcknowledgementNormal,
    };

    /// <summary>SPEC "Follow-up": complexity moves only a normal case's window; urgent and major incidents have one each.</summary>
    public TimeSpan ResolutionWindow(string priority, string? complexity) => priority switch
    {
        CasePriority.MajorIncident => ResolutionMajorIncident,
        CasePriority.Urgent => ResolutionUrgent,
        _ => complexity switch
        {
            CaseComplexity.VeryComplex => ResolutionVeryComplex,
            CaseComplexity.Difficult => ResolutionDifficult,
            _ => ResolutionGeneral,
        },
    };
}
