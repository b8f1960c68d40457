using System.Globalization;
using Hotline.Cases;
using Hotline.FollowUp;
using Hotline.Routing;
using Microsoft.Extensions.Options;

namespace Hotline.Bulletin;

/// <summary>
/// The day's bulletin run (信息通报): when it falls due (08:00 China time) it schedules one bulletin per unit that has a
/// head, due at once, so the units' bulletins are shared out through the follow-up loop like any other follow-up, and
/// then schedules the next day's run. A run handled twice schedules the same rows again, which are the same rows.
/// </summary>
public sealed partial class DailyBulletinHandler(
    FollowUpIndex followUps,
    DirectoryProvider directories,
    IOptions<BulletinOptions> options,
    TimeProvider time,
    ILogger<DailyBulletinHandler> logger) : IFollowUpHandler
{
    public const string DayKind = "bulletin-day";
    public const string UnitKind = "bulletin";

    /// <summary>The day's run is one row whatever the directory holds.</summary>
    public const string AllUnits = "all";

    public string Kind => DayKind;

    public async Task HandleAsync(DueFollowUp due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        var directory = await directories.GetAsync(cancellationToken);
        var day = DayOf(due.DueAt);
        var units = directory.Units.Where(u => directory.HeadsOf(u.Id).Any()).ToList();
        await Parallel.ForEachAsync(units, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (unit, token) =>
            await followUps.ScheduleAsync(UnitKind, unit.Id, due.DueAt, token, stage: day));

        // A run handled late (the app was down at 08:00, or the local run's clock jumped) skips the days it missed.
        var now = time.GetUtcNow();
        await followUps.ScheduleAsync(DayKind, AllUnits, options.Value.NextAfter(now > due.DueAt ? now : due.DueAt), cancellationToken);
        LogScheduled(logger, units.Count, day);
    }

    /// <summary>The China date a bulletin is for, as its stage: "2026-11-24".</summary>
    public static string DayOf(DateTimeOffset sendAt) =>
        ChinaTime.ToChina(sendAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily bulletin of {Day}: {Units} unit(s) with a head scheduled")]
    private static partial void LogScheduled(ILogger logger, int units, string day);
}
