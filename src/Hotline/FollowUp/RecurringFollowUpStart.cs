using Azure;

namespace Hotline.FollowUp;

/// <summary>
/// Makes sure the next run of a follow-up that schedules its own successor (the daily bulletin, the same-text expiry)
/// is in the follow-up index when the app starts. Starting again schedules the same row, so restarts never add a
/// second run. A failure here does not stop the app: the run scheduled by the one before still stands, and the next
/// start tries again.
/// </summary>
internal sealed partial class RecurringFollowUpStart(
    string kind,
    string subject,
    string run,
    Func<DateTimeOffset, DateTimeOffset> nextAfter,
    FollowUpIndex followUps,
    TimeProvider time,
    ILogger<RecurringFollowUpStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var next = nextAfter(time.GetUtcNow());
        try
        {
            await followUps.ScheduleAsync(kind, subject, next, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            LogNotScheduled(logger, run, next, e.Status, e.ErrorCode ?? "-");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Run} of {Next} could not be scheduled at start (storage answered {Status} {ErrorCode}); the next start tries again")]
    private static partial void LogNotScheduled(ILogger logger, string run, DateTimeOffset next, int status, string errorCode);
}
