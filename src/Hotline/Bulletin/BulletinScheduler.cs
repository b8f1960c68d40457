using Hotline.FollowUp;
using Microsoft.Extensions.Options;

namespace Hotline.Bulletin;

/// <summary>
/// Makes sure the next day's bulletin run is in the follow-up index when the app starts (the run schedules the one
/// after itself). Starting again schedules the same row, so restarts never add a second bulletin.
/// </summary>
internal sealed class BulletinScheduler(FollowUpIndex followUps, IOptions<BulletinOptions> options, TimeProvider time) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        followUps.ScheduleAsync(DailyBulletinHandler.DayKind, DailyBulletinHandler.AllUnits, options.Value.NextAfter(time.GetUtcNow()), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
