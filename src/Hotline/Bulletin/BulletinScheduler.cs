using Azure;
using Hotline.FollowUp;
using Microsoft.Extensions.Options;

namespace Hotline.Bulletin;

/// <summary>
/// Makes sure the next day's bulletin run is in the follow-up index when the app starts (the run schedules the one
/// after itself). Starting again schedules the same row, so restarts never add a second bulletin. A failure here
/// does not stop the app: the run already scheduled by the day before still stands, and the next start tries again.
/// </summary>
internal sealed partial class BulletinScheduler(FollowUpIndex followUps, IOptions<BulletinOptions> options, TimeProvider time, ILogger<BulletinScheduler> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var next = options.Value.NextAfter(time.GetUtcNow());
        try
        {
            await followUps.ScheduleAsync(DailyBulletinHandler.DayKind, DailyBulletinHandler.AllUnits, next, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            LogNotScheduled(logger, next, e.Status, e.ErrorCode ?? "-");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The daily bulletin of {Next} could not be scheduled at start (storage answered {Status} {ErrorCode}); the next start tries again")]
    private static partial void LogNotScheduled(ILogger logger, DateTimeOffset next, int status, string errorCode);
}
