using NCrontab;

namespace Hotline.LocalHost.Timers;

/// <summary>
/// A timerTrigger NCRONTAB schedule evaluated in UTC, the way the host's CronSchedule does it: six fields
/// (with seconds) unless the expression has exactly five.
/// https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#ncrontab-expressions
/// </summary>
internal sealed class CronTimerSchedule
{
    private readonly CrontabSchedule schedule;

    private CronTimerSchedule(string expression, CrontabSchedule schedule)
    {
        Expression = expression;
        this.schedule = schedule;
    }

    public string Expression { get; }

    public static bool TryParse(string expression, out CronTimerSchedule? result)
    {
        ArgumentNullException.ThrowIfNull(expression);
        bool hasSeconds = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5;
        CrontabSchedule? parsed = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = hasSeconds });
        result = parsed is null ? null : new CronTimerSchedule(expression, parsed);
        return result is not null;
    }

    public static CronTimerSchedule Parse(string expression) =>
        TryParse(expression, out CronTimerSchedule? result)
            ? result!
            : throw new FormatException($"'{expression}' is not an NCRONTAB expression ('{{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}').");

    /// <summary>The first occurrence strictly after <paramref name="after"/>; null when the schedule never fires again.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        DateTime utc = DateTime.SpecifyKind(after.UtcDateTime, DateTimeKind.Unspecified);
        DateTime next = schedule.GetNextOccurrence(utc, DateTime.MaxValue.AddYears(-1));
        return next >= DateTime.MaxValue.AddYears(-1) ? null : new DateTimeOffset(next, TimeSpan.Zero);
    }

    /// <summary>
    /// The host turns schedule monitoring off by default for schedules that fire more than once a minute.
    /// https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#configuration (useMonitor)
    /// </summary>
    public bool RecursAtLeastEveryMinute(DateTimeOffset from)
    {
        if (NextAfter(from) is not { } first || NextAfter(first) is not { } second)
        {
            return true;
        }

        return second - first >= TimeSpan.FromMinutes(1);
    }

    public override string ToString() => Expression;
}
