using Hotline.FollowUp;
using Hotline.Sms.SameText;

namespace Hotline.Sms;

/// <summary>
/// Once a day, through the due-check loop, deletes the same-text rule's rows of the days that are over
/// (<see cref="SameTextExpiry"/>), then schedules the next day's run. A run deletes at most <see cref="RowsPerRun"/> rows
/// and, when more are left, schedules itself again at once, so each run stays short however much expired. Run twice,
/// it deletes what is left and schedules the same next row.
/// </summary>
public sealed partial class SameTextExpiryHandler(
    SameTextExpiry expiry,
    FollowUpIndex followUps,
    TimeProvider time,
    ILogger<SameTextExpiryHandler> logger) : IFollowUpHandler
{
    public const string ExpiryKind = "same-text-expiry";

    /// <summary>The run is one row, whatever expired.</summary>
    public const string AllDays = "all";

    /// <summary>Fifty transactions of a hundred deletes: a few seconds.</summary>
    public const int RowsPerRun = 5_000;

    public string Kind => ExpiryKind;

    public async Task HandleAsync(DueFollowUp due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        var now = time.GetUtcNow();
        var (deleted, more) = await expiry.DeleteExpiredAsync(now, RowsPerRun, cancellationToken);
        // Another row than this one, which the loop removes when this returns: the next run, or at once the rest.
        var next = !more ? SameTextExpiry.NextRunAfter(now) : now > due.DueAt ? now : due.DueAt.AddTicks(1);
        await followUps.ScheduleAsync(ExpiryKind, AllDays, next, cancellationToken);
        LogDeleted(logger, deleted, more);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Same-text rule: {Deleted} expired row(s) deleted; more left: {More}")]
    private static partial void LogDeleted(ILogger logger, int deleted, bool more);
}
