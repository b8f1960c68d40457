using Hotline.LocalHost.Timers;

namespace Hotline.LocalHost.Tests.Timers;

public sealed class CronTimerScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2025, 3, 10, 12, 0, 30, TimeSpan.Zero);

    [Fact]
    public void Six_field_schedules_have_seconds_and_the_next_occurrence_is_strictly_later()
    {
        CronTimerSchedule everyMinute = CronTimerSchedule.Parse("0 * * * * *");

        Assert.Equal(new DateTimeOffset(2025, 3, 10, 12, 1, 0, TimeSpan.Zero), everyMinute.NextAfter(Noon));
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 12, 2, 0, TimeSpan.Zero), everyMinute.NextAfter(new DateTimeOffset(2025, 3, 10, 12, 1, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Five_field_schedules_are_accepted_without_seconds()
    {
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 12, 5, 0, TimeSpan.Zero), CronTimerSchedule.Parse("*/5 * * * *").NextAfter(Noon));
    }

    [Fact]
    public void Schedules_are_evaluated_in_utc_whatever_the_offset_of_the_base_time()
    {
        // 07:59 in Beijing is 23:59 UTC the day before: the next UTC midnight is one minute later.
        var beijing = new DateTimeOffset(2025, 3, 10, 7, 59, 0, TimeSpan.FromHours(8));

        Assert.Equal(new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.Zero), CronTimerSchedule.Parse("0 0 0 * * *").NextAfter(beijing));
    }

    [Fact]
    public void Weekday_ranges_follow_ncrontab()
    {
        // 2025-03-14 is a Friday: the next 09:30 on a weekday after Friday noon is Monday.
        var fridayNoon = new DateTimeOffset(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2025, 3, 17, 9, 30, 0, TimeSpan.Zero), CronTimerSchedule.Parse("0 30 9 * * 1-5").NextAfter(fridayNoon));
    }

    [Theory]
    [InlineData("every minute")]
    [InlineData("00:05:00")]
    [InlineData("0 * * * * * *")]
    [InlineData("61 * * * * *")]
    public void Expressions_that_are_not_ncrontab_are_rejected(string expression)
    {
        Assert.False(CronTimerSchedule.TryParse(expression, out _));
    }

    [Fact]
    public void A_schedule_that_never_fires_has_no_next_occurrence()
    {
        Assert.Null(CronTimerSchedule.Parse("0 0 0 30 2 *").NextAfter(Noon));
    }

    [Fact]
    public void Monitoring_defaults_off_only_for_schedules_faster_than_a_minute()
    {
        Assert.True(CronTimerSchedule.Parse("0 * * * * *").RecursAtLeastEveryMinute(Noon));
        Assert.False(CronTimerSchedule.Parse("*/10 * * * * *").RecursAtLeastEveryMinute(Noon));
    }
}
