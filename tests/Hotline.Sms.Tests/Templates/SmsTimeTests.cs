using Hotline.Sms.Templates;

namespace Hotline.Sms.Tests.Templates;

public sealed class SmsTimeTests
{
    [Fact]
    public void Times_are_written_in_china_time_in_the_message_language()
    {
        var at = new DateTimeOffset(2025, 6, 3, 6, 30, 0, TimeSpan.Zero);
        Assert.Equal("6月3日 14:30", SmsTime.Format(at, "zh-CN"));
        Assert.Equal("3 Jun 14:30", SmsTime.Format(at, "en"));
        Assert.Equal("6月4日", SmsTime.FormatDate(new DateTimeOffset(2025, 6, 3, 16, 0, 0, TimeSpan.Zero), "zh-CN"));
        Assert.Equal("4 Jun", SmsTime.FormatDate(new DateTimeOffset(2025, 6, 3, 16, 0, 0, TimeSpan.Zero), "en"));
    }
}
