using Hotline.Sms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hotline.Tests.Sms;

public sealed class QuietHoursOptionsTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Theory]
    [InlineData(21, 59, false)]
    [InlineData(22, 0, true)]
    [InlineData(23, 0, true)]
    [InlineData(3, 0, true)]
    [InlineData(7, 59, true)]
    [InlineData(8, 0, false)]
    [InlineData(10, 0, false)]
    public void Quiet_hours_run_from_22_00_to_08_00_China_time(int hour, int minute, bool quiet)
    {
        var options = new QuietHoursOptions();

        Assert.Equal(quiet, options.IsQuiet(new DateTimeOffset(2026, 11, 23, hour, minute, 0, China)));
    }

    [Theory]
    [InlineData(23, 0, 24)]
    [InlineData(3, 0, 23)]
    [InlineData(0, 0, 23)]
    public void A_text_held_at_night_is_released_at_the_next_08_00_China(int hour, int minute, int releaseDay)
    {
        var options = new QuietHoursOptions();

        var release = options.EndAfter(new DateTimeOffset(2026, 11, 23, hour, minute, 0, China));

        Assert.Equal(new DateTimeOffset(2026, 11, releaseDay, 8, 0, 0, China), release);
    }

    [Fact]
    public void Quiet_hours_within_one_day_are_understood_too()
    {
        var options = new QuietHoursOptions { Start = TimeSpan.FromHours(1), End = TimeSpan.FromHours(6) };

        Assert.True(options.IsQuiet(new DateTimeOffset(2026, 11, 23, 2, 0, 0, China)));
        Assert.False(options.IsQuiet(new DateTimeOffset(2026, 11, 23, 23, 0, 0, China)));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 6, 0, 0, China), options.EndAfter(new DateTimeOffset(2026, 11, 23, 2, 0, 0, China)));
    }

    [Theory]
    [InlineData("Hotline:Sms:QuietHours:Start", "08:00:00", "must differ")]
    [InlineData("Hotline:Sms:QuietHours:End", "1.00:00:00", "End")]
    [InlineData("Hotline:Sms:QuietHours:ReleasePerMinute", "0", "ReleasePerMinute")]
    public void The_app_refuses_quiet_hours_that_make_no_sense(string key, string value, string expected)
    {
        var builder = HotlineWorker.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        using var worker = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => worker.Services.GetRequiredService<IOptions<QuietHoursOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
