using Hotline.Cases;
using Hotline.FollowUp;
using Microsoft.Extensions.Options;

namespace Hotline.Callback;

/// <summary>
/// Puts a resolved case's callback survey (回访) in the due-check loop, <see cref="CallbackOptions.SurveyDelay"/> after
/// its resolution. Scheduling the same resolution twice (a repeated resolve) is one row.
/// </summary>
public sealed class CallbackSurveys(FollowUpIndex followUps, IOptions<CallbackOptions> options)
{
    /// <summary>The survey text falls due (<see cref="CallbackSurveyHandler"/>).</summary>
    public const string SurveyKind = "survey";

    /// <summary>The answer window has run out (<see cref="SurveyNoReplyHandler"/>).</summary>
    public const string NoReplyKind = "survey-noreply";

    public Task ScheduleAsync(CaseRecord resolved, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        if (resolved is not { Status: CaseStatus.Resolved, ResolvedAt: { } resolvedAt })
        {
            return Task.CompletedTask;
        }

        return followUps.ScheduleAsync(SurveyKind, resolved.TicketId, resolvedAt + options.Value.SurveyDelay, cancellationToken, stage: SurveyRound.Of(resolved));
    }
}
