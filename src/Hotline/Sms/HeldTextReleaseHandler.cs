using Hotline.FollowUp;
using Microsoft.Extensions.Options;

namespace Hotline.Sms;

/// <summary>
/// Releases a text held by quiet hours when they end: puts it back on sms-outbound, where SendSms checks it again as
/// any text (its case condition, opt-out, the same-text rule), so a text whose reason went overnight is dropped there.
/// The loop hands out at most <see cref="QuietHoursOptions.ReleasePerMinute"/> a run, oldest first, so the morning's
/// texts go out in a bounded burst. A release is claimed on the held row before the text is queued: of two runs at
/// once one queues it, and the other looks again when that claim runs out, in case its winner died before queueing.
/// </summary>
public sealed partial class HeldTextReleaseHandler(
    HeldTexts held,
    FollowUpIndex followUps,
    SmsNotifications sms,
    IOptions<QuietHoursOptions> options,
    TimeProvider time,
    ILogger<HeldTextReleaseHandler> logger) : IFollowUpHandler
{
    /// <summary>Long enough to queue one message; short, so a release whose run died is retried soon.</summary>
    private static readonly TimeSpan ReleaseClaim = TimeSpan.FromMinutes(2);

    public string Kind => HeldTexts.Kind;

    public int? MaxPerRun => options.Value.ReleasePerMinute;

    public async Task HandleAsync(DueFollowUp due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        if (await held.GetAsync(HeldTexts.IdOfSubject(due.Subject), cancellationToken) is not { } text)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (text.ClaimedUntil is { } claimed && claimed > now || await held.TryClaimAsync(text, now + ReleaseClaim, cancellationToken) is not { } mine)
        {
            await followUps.ScheduleAsync(Kind, due.Subject, now + ReleaseClaim, cancellationToken);
            return;
        }

        await sms.EnqueueAsync(mine.Request, cancellationToken);
        await held.RemoveAsync(mine, cancellationToken);
        LogReleased(logger, mine.Request.Template, mine.Request.TicketId, now - mine.HeldAt);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS {Template} for case {TicketId} released after quiet hours (held {Held})")]
    private static partial void LogReleased(ILogger logger, string template, string ticketId, TimeSpan held);
}
