using Hotline.Cases;
using Hotline.Officers;

namespace Hotline.SmsInbound;

/// <summary>
/// The resolution time limit (办结) the officer is told on acknowledging, with the SPEC "Follow-up" defaults:
/// 7 / 15 / 30 days by complexity for a normal case, 3 days urgent, 24 h for a major incident. Counted from
/// acknowledgement. Belongs in FollowUpOptions once the resolution timers make these windows configurable.
/// </summary>
public static class ResolutionDue
{
    public static DateTimeOffset For(CaseRecord record, DateTimeOffset acknowledgedAt)
    {
        ArgumentNullException.ThrowIfNull(record);
        var window = record.Priority switch
        {
            CasePriority.MajorIncident => TimeSpan.FromHours(24),
            CasePriority.Urgent => TimeSpan.FromDays(3),
            _ => record.Complexity switch
            {
                CaseComplexity.VeryComplex => TimeSpan.FromDays(30),
                CaseComplexity.Difficult => TimeSpan.FromDays(15),
                _ => TimeSpan.FromDays(7),
            },
        };
        return acknowledgedAt + window;
    }
}
