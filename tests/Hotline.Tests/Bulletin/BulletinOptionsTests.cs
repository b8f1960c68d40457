using Hotline.Bulletin;

namespace Hotline.Tests.Bulletin;

public sealed class BulletinOptionsTests
{
    [Theory]
    [InlineData("2026-11-23T02:00:00Z", "2026-11-24T00:00:00Z")] // 10:00 China → tomorrow 08:00
    [InlineData("2026-11-22T23:59:59Z", "2026-11-23T00:00:00Z")] // 07:59:59 China → today 08:00
    [InlineData("2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z")] // exactly 08:00 → the next one
    [InlineData("2026-11-23T16:30:00Z", "2026-11-24T00:00:00Z")] // 00:30 China on the 24th → that morning
    public void The_next_bulletin_is_the_next_eight_o_clock_in_China(string after, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), new BulletinOptions().NextAfter(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
