using Azure;
using Hotline.FollowUp;
using Hotline.Sms.SameText;

namespace Hotline.Sms;

/// <summary>
/// Makes sure the next expiry run of the same-text rule's rows is in the follow-up index when the app starts (each run
/// schedules the next). Starting again schedules the same row. A failure here does not stop the app: the run the day
/// before scheduled still stands, and the next start tries again.
/// </summary>
internal sealed partial class SameTextExpiryScheduler(FollowUpIndex followUps, TimeProvider time, ILogger<SameTextExpiryScheduler> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var next = SameTextExpiry.NextRunAfter(time.GetUtcNow());
        try
        {
            await followUps.ScheduleAsync(SameTextExpiryHandler.ExpiryKind, SameTextExpiryHandler.AllDays, next, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            LogNotScheduled(logger, next, e.Status, e.ErrorCode ?? "-");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The same-text rule's expiry run of {Next} could not be scheduled at start (storage answered {Status} {ErrorCode}); the next start tries again")]
    private static partial void LogNotScheduled(ILogger logger, DateTimeOffset next, int status, string errorCode);
}
