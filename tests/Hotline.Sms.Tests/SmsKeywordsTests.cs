namespace Hotline.Sms.Tests;

public sealed class SmsKeywordsTests
{
    [Theory]
    [InlineData("STOP")]
    [InlineData(" stop ")]
    [InlineData("Unsubscribe")]
    [InlineData("退订")]
    [InlineData("退订。")]
    [InlineData("td")]
    public void Twilio_and_hotline_opt_out_words_are_recognised(string body) => Assert.True(SmsKeywords.IsOptOut(body));

    [Theory]
    [InlineData("please stop calling my boss")]
    [InlineData("查询 K7M3QX9P")]
    [InlineData("")]
    [InlineData(null)]
    public void A_keyword_inside_a_longer_message_is_not_one(string? body) => Assert.False(SmsKeywords.IsOptOut(body));

    [Theory]
    [InlineData("START", true, false)]
    [InlineData("订阅", true, false)]
    [InlineData("help", false, true)]
    [InlineData("帮助", false, true)]
    public void Opt_in_and_help_words_are_recognised(string body, bool optIn, bool help)
    {
        Assert.Equal(optIn, SmsKeywords.IsOptIn(body));
        Assert.Equal(help, SmsKeywords.IsHelp(body));
    }
}
