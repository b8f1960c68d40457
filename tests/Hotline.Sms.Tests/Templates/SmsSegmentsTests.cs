using Hotline.Sms.Templates;

namespace Hotline.Sms.Tests.Templates;

public sealed class SmsSegmentsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(459, 3)]
    [InlineData(460, 4)]
    public void Gsm7_text_is_160_in_one_segment_and_153_per_part(int length, int segments)
    {
        var info = SmsSegments.Analyze(new string('a', length));
        Assert.Equal(segments, info.Segments);
        Assert.Equal(SmsEncoding.Gsm7, info.Encoding);
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    [InlineData(201, 3)]
    [InlineData(202, 4)]
    public void Chinese_text_is_ucs2_70_in_one_segment_and_67_per_part(int length, int segments)
    {
        var info = SmsSegments.Analyze(new string('工', length));
        Assert.Equal(segments, info.Segments);
        Assert.Equal(SmsEncoding.Ucs2, info.Encoding);
        Assert.Equal(length, info.Units);
    }

    [Fact]
    public void Gsm7_extension_characters_count_as_two()
    {
        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Gsm7, 160, 1), SmsSegments.Analyze(new string('{', 80)));
        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Gsm7, 162, 2), SmsSegments.Analyze(new string('€', 81)));
        Assert.Equal(2, SmsSegments.Count("[" + new string('a', 159)));
    }

    [Fact]
    public void An_escape_pair_is_never_split_across_parts()
    {
        // 152 plain septets then '^' (2 septets): the pair cannot start at septet 153, so it opens part two.
        var text = new string('a', 152) + "^" + new string('a', 152);
        Assert.Equal(306, SmsSegments.Analyze(text).Units);
        Assert.Equal(3, SmsSegments.Count(text));
    }

    [Fact]
    public void One_non_gsm_character_makes_the_whole_text_ucs2()
    {
        var text = new string('a', 159) + "中";
        var info = SmsSegments.Analyze(text);
        Assert.Equal(SmsEncoding.Ucs2, info.Encoding);
        Assert.Equal(3, info.Segments);
    }

    [Fact]
    public void Gsm7_accented_letters_and_symbols_stay_gsm7()
    {
        Assert.True(SmsSegments.IsGsm7("Café à Zürich: £5, ¥10, §3 {ok}"));
        Assert.False(SmsSegments.IsGsm7("curly ’quote’"));
        Assert.False(SmsSegments.IsGsm7("…"));
    }

    [Fact]
    public void A_surrogate_pair_is_never_split_across_parts()
    {
        // 66 + 2 + 66 = 134 units would be 2 parts by arithmetic, but the emoji cannot straddle units 67/68.
        var text = new string('中', 66) + "😀" + new string('中', 66);
        Assert.Equal(134, SmsSegments.Analyze(text).Units);
        Assert.Equal(3, SmsSegments.Count(text));
    }

    [Fact]
    public void Realistic_chinese_notice_counts_as_twilio_bills_it()
    {
        const string text = "【12351职工服务热线】您的诉求已受理，工单号K7M3QX9P，查询码482913。回复“查询 K7M3QX9P”或访问 https://hotline.example.cn/s/K7M3QX9P 查看办理进度。";
        var info = SmsSegments.Analyze(text);
        Assert.Equal(SmsEncoding.Ucs2, info.Encoding);
        Assert.Equal(text.Length, info.Units);
        Assert.Equal((text.Length + 66) / 67, info.Segments);
    }
}
