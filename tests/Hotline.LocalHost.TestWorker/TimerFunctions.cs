using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.TestWorker;

/// <summary>A timer whose schedule is an app setting, so each test picks its own.</summary>
public sealed partial class TimerFunctions(ILogger<TimerFunctions> logger)
{
    [Function("Tick")]
    public void Tick([TimerTrigger("%TickSchedule%")] TimerInfo timer) =>
        LogTick(logger, timer.IsPastDue, timer.ScheduleStatus?.Next);

    [LoggerMessage(1, LogLevel.Information, "Tick isPastDue={IsPastDue} next={Next:o}")]
    private static partial void LogTick(ILogger logger, bool isPastDue, DateTime? next);
}
