using System.Text.RegularExpressions;
using Hotline.Sms.Templates;

namespace Hotline.Sms.Tests.Templates;

public sealed partial class SmsComposerTests
{
    private const string LongChineseSummary =
        "我在定西市安定区某建筑工地做钢筋工，从去年10月到今年3月共6个月的工资没有发放，总共拖欠约48600元，同班组还有23名工友情况相同。" +
        "包工头一直说开发商没给钱，让我们再等等，现在已经联系不上了。我们多次到项目部讨要，项目经理说工资已经拨给劳务公司，互相推诿。" +
        "快过年了家里急需用钱，请工会帮我们讨回工钱。";

    private const string LongEnglishSummary =
        "I worked as a welder at the Riverside Logistics warehouse from March to August and was never paid for overtime. " +
        "The company owes me about 12,450 yuan and refuses to give me a copy of my labour contract. Twenty other workers on " +
        "the night shift are in the same situation and the manager threatens to fire anyone who complains to the union.";

    private static readonly SmsComposer Composer = SmsComposer.Default;

    public static TheoryData<string, string> EveryTemplateAndLanguage()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in SmsTemplateCatalog.Default.Names.Order(StringComparer.Ordinal))
        {
            data.Add(name, SmsLanguage.Chinese);
            data.Add(name, SmsLanguage.English);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTemplateAndLanguage))]
    public void Every_template_renders_with_realistic_values_within_the_budget(string name, string language)
    {
        var template = SmsTemplateCatalog.Default.Get(name);
        var sms = Composer.Compose(name, language, SampleArgs.For(template, language));

        Assert.DoesNotContain('{', sms.Body);
        Assert.DoesNotContain('}', sms.Body);
        Assert.InRange(sms.Segments, 1, SmsComposer.DefaultSegmentBudget);
        Assert.False(sms.Shortened);
        if (template.Parameters.Any(p => p.Name == "ticketId"))
        {
            Assert.Contains(SampleArgs.TicketId, sms.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Case_received_in_chinese_reads_as_the_hotline_writes_it()
    {
        var sms = Composer.Compose("case-received", "zh-CN", new Dictionary<string, string>
        {
            ["ticketId"] = "K7M3QX9P",
            ["trackingCode"] = "482913",
            ["statusUrl"] = "https://hotline.example.cn/s/K7M3QX9P",
        });

        Assert.Equal(
            "【12351职工服务热线】您的诉求已受理，工单号K7M3QX9P，查询码482913。回复“查询 K7M3QX9P”或访问 https://hotline.example.cn/s/K7M3QX9P 查看办理进度。",
            sms.Body);
        Assert.Equal(SmsEncoding.Ucs2, sms.Encoding);
        Assert.Equal(2, sms.Segments);
    }

    [Fact]
    public void Case_received_in_english_is_gsm7_and_keeps_the_url_whole()
    {
        var sms = Composer.Compose("case-received", "en", new Dictionary<string, string>
        {
            ["ticketId"] = "K7M3QX9P",
            ["trackingCode"] = "482913",
            ["statusUrl"] = "https://hotline.example.cn/s/K7M3QX9P",
        });

        Assert.Equal(
            "[12351 Workers' Hotline] Your request is received. Ticket K7M3QX9P, tracking code 482913. Reply STATUS K7M3QX9P or see https://hotline.example.cn/s/K7M3QX9P for progress.",
            sms.Body);
        Assert.Equal(SmsEncoding.Gsm7, sms.Encoding);
        Assert.Equal(2, sms.Segments);
    }

    [Fact]
    public void A_long_chinese_summary_is_shortened_with_an_ellipsis_to_fit_three_segments()
    {
        var sms = Composer.Compose("officer-task", "zh-CN", OfficerTask(LongChineseSummary, "甘肃省定西市安定区", "6月3日 14:30"));

        Assert.True(sms.Shortened);
        Assert.Equal(3, sms.Segments);
        Assert.Equal(SmsEncoding.Ucs2, sms.Encoding);
        Assert.Contains("…\n请于6月3日 14:30前签收，回复“收到 K7M3QX9P”。", sms.Body, StringComparison.Ordinal);
        Assert.StartsWith("【12351职工服务热线】新工单K7M3QX9P（欠薪/劳动报酬，甘肃省定西市安定区）：我在定西市安定区某建筑工地做钢筋工", sms.Body, StringComparison.Ordinal);

        // Shortened only as much as needed: one more character would not fit.
        Assert.InRange(sms.Body.Length, (2 * SmsSegments.Ucs2Multi) - 10, 3 * SmsSegments.Ucs2Multi);
    }

    [Fact]
    public void A_long_english_summary_is_cut_at_a_word_with_an_ascii_ellipsis_and_stays_gsm7()
    {
        var sms = Composer.Compose("officer-task", "en", OfficerTask(LongEnglishSummary, "Anding, Dingxi", "3 Jun 14:30"));

        Assert.True(sms.Shortened);
        Assert.Equal(SmsEncoding.Gsm7, sms.Encoding);
        Assert.InRange(sms.Segments, 1, 3);
        Assert.DoesNotContain('…', sms.Body);
        Assert.EndsWith("\nPlease acknowledge by 3 Jun 14:30: reply ACK K7M3QX9P.", sms.Body, StringComparison.Ordinal);

        var summary = sms.Body[(sms.Body.IndexOf("): ", StringComparison.Ordinal) + 3)..sms.Body.IndexOf("...", StringComparison.Ordinal)];
        Assert.StartsWith(summary, LongEnglishSummary, StringComparison.Ordinal);
        Assert.True(char.IsLetterOrDigit(summary[^1]));
        Assert.False(char.IsLetterOrDigit(LongEnglishSummary[summary.Length]), "the cut falls between words");
    }

    [Fact]
    public void Shortening_never_cuts_a_number_at_any_length()
    {
        // Long numbers everywhere, so almost any cut point falls inside one.
        const string numbers = "欠薪1234567元，补偿7654321元，社保3141592元，加班费2718281元，";
        for (var length = 10; length <= 400; length += 7)
        {
            var summary = string.Concat(Enumerable.Repeat(numbers, 12))[..length];
            var args = OfficerTask(summary, "兰州市城关区", "6月3日 14:30");
            var sms = Composer.Compose("officer-task", "zh-CN", args);

            var whole = DigitRuns().Matches(summary + "K7M3QX9P 12351 6月3日 14:30").Select(m => m.Value).ToHashSet();
            foreach (Match run in DigitRuns().Matches(sms.Body))
            {
                Assert.Contains(run.Value, whole);
            }

            Assert.InRange(sms.Segments, 1, 3);
        }
    }

    [Fact]
    public void The_budget_is_configurable()
    {
        var composer = new SmsComposer(SmsTemplateCatalog.Default, segmentBudget: 5);
        var sms = composer.Compose("officer-task", "zh-CN", OfficerTask(LongChineseSummary, "甘肃省定西市安定区", "6月3日 14:30"));
        Assert.Equal(4, sms.Segments);
        Assert.False(sms.Shortened);
        Assert.Contains(LongChineseSummary, sms.Body, StringComparison.Ordinal);

        var twoSegments = new SmsComposer(SmsTemplateCatalog.Default, segmentBudget: 2)
            .Compose("officer-task", "zh-CN", OfficerTask(LongChineseSummary, "甘肃省定西市安定区", "6月3日 14:30"));
        Assert.Equal(2, twoSegments.Segments);
        Assert.Contains("K7M3QX9P", twoSegments.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_place_and_summary_are_both_shortened_but_the_ticket_and_deadline_survive()
    {
        var place = string.Concat(Enumerable.Repeat("甘肃省定西市安定区凤翔镇某某村", 6));
        var sms = new SmsComposer(SmsTemplateCatalog.Default, 2).Compose("officer-task", "zh-CN", OfficerTask(LongChineseSummary, place, "6月3日 14:30"));

        Assert.Equal(2, sms.Segments);
        Assert.Equal(2, Regex.Count(sms.Body, "K7M3QX9P"));
        Assert.Contains("6月3日 14:30", sms.Body, StringComparison.Ordinal);
        Assert.Equal(2, sms.Body.Count(c => c == '…'));
    }

    [Fact]
    public void When_fixed_text_alone_exceeds_the_budget_composition_fails()
    {
        var composer = new SmsComposer(SmsTemplateCatalog.Default, segmentBudget: 1);
        var ex = Assert.Throws<SmsCompositionException>(() => composer.Compose("case-received", "zh-CN", new Dictionary<string, string>
        {
            ["ticketId"] = "K7M3QX9P",
            ["trackingCode"] = "482913",
            ["statusUrl"] = "https://hotline.example.cn/s/K7M3QX9P",
        }));
        Assert.Contains("does not fit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_parameter_is_an_error()
    {
        var ex = Assert.Throws<SmsCompositionException>(() => Composer.Compose("case-assigned", "zh-CN", new Dictionary<string, string> { ["ticketId"] = "K7M3QX9P" }));
        Assert.Contains("unitName", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_ticket_id_counts_as_missing() =>
        Assert.Throws<SmsCompositionException>(() => Composer.Compose("case-merged", "zh-CN", new Dictionary<string, string> { ["ticketId"] = "  " }));

    [Fact]
    public void A_parameter_the_template_does_not_have_is_an_error() =>
        Assert.Throws<SmsCompositionException>(() => Composer.Compose("help", "zh-CN", new Dictionary<string, string> { ["ticketId"] = "K7M3QX9P" }));

    [Fact]
    public void An_unknown_template_is_an_error() =>
        Assert.Throws<SmsCompositionException>(() => Composer.Compose("free-text", "zh-CN", new Dictionary<string, string>()));

    [Theory]
    [InlineData("acknowledged", "zh-CN", "【12351职工服务热线】工单K7M3QX9P当前状态：承办人已签收，正在办理。")]
    [InlineData("resolved", "en", "[12351 Workers' Hotline] Ticket K7M3QX9P: resolved.")]
    public void Status_codes_are_put_into_words_of_the_message_language(string status, string language, string expected)
    {
        var sms = Composer.Compose("status-reply", language, new Dictionary<string, string> { ["ticketId"] = "K7M3QX9P", ["status"] = status });
        Assert.Equal(expected, sms.Body);
    }

    [Theory]
    [InlineData("en-GB", SmsLanguage.English)]
    [InlineData("EN", SmsLanguage.English)]
    [InlineData("zh-Hans", SmsLanguage.Chinese)]
    [InlineData(null, SmsLanguage.Chinese)]
    [InlineData("fr", SmsLanguage.Chinese)]
    public void Languages_other_than_english_get_chinese(string? asked, string expected) =>
        Assert.Equal(expected, Composer.Compose("help", asked, new Dictionary<string, string>()).Language);

    [Fact]
    public void Newlines_and_runs_of_spaces_in_values_become_one_space()
    {
        var sms = Composer.Compose("case-resolved", "en", new Dictionary<string, string>
        {
            ["ticketId"] = "K7M3QX9P",
            ["note"] = "  Wages   paid.\r\n\tContract\u0007 signed. ",
        });
        Assert.Contains(": Wages paid. Contract signed.\n", sms.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Composed_message_becomes_an_outgoing_sms()
    {
        var sms = Composer.Compose("help", "en", new Dictionary<string, string>()).ToOutgoing("help:SM123", "+8613912345678");
        Assert.Equal(new OutgoingSms("help:SM123", "+8613912345678", "help", "en", sms.Body), sms);
        Assert.Null(sms.Problem());
    }

    [Theory]
    [InlineData("拖欠工资12000元共三个月", 7, "拖欠工资…")] // the cut would split 12000
    [InlineData("unpaid overtime wages", 10, "unpaid...")] // the cut would split "overtime"
    [InlineData("工资😀😀😀拖欠", 4, "工资😀…")] // whole emoji only
    [InlineData("欠薪，拖欠三个月", 4, "欠薪…")] // no dangling comma before the ellipsis
    [InlineData("ref ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 34, "ref ABCDEFGHIJKLMNOPQRSTUVWXYZ012…")] // a run too long to be a word
    [InlineData("short", 10, "short")]
    public void Truncate_cuts_between_words_and_numbers(string value, int cap, string expected)
    {
        var ellipsis = expected.EndsWith("...", StringComparison.Ordinal) ? "..." : "…";
        Assert.Equal(expected, SmsComposer.Truncate(value, cap, ellipsis));
    }

    private static Dictionary<string, string> OfficerTask(string summary, string place, string dueAt) => new()
    {
        ["ticketId"] = "K7M3QX9P",
        ["category"] = "wage_arrears",
        ["place"] = place,
        ["summary"] = summary,
        ["dueAt"] = dueAt,
    };

    [GeneratedRegex("[0-9]+")]
    private static partial Regex DigitRuns();

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public void English_texts_with_a_count_read_right_for_one_and_for_many(string count)
    {
        var sms = Composer.Compose("officer-todo", "en", new Dictionary<string, string> { ["count"] = count, ["items"] = "K7M3QX9P" });

        Assert.DoesNotContain("1 open cases", sms.Body, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\b1 [a-z]+ cases\b|\b1 cases\b", sms.Body);
        Assert.Contains(count, sms.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void No_english_text_puts_a_plural_noun_after_a_number_it_is_given()
    {
        // A count may be 1: "{count} open cases" reads "1 open cases". The catalogue phrases counts without plurals.
        foreach (var template in SmsTemplateCatalog.Default.Templates)
        {
            Assert.DoesNotMatch(@"\{count\}\s+(?:[a-z]+\s+)?[a-z]+s\b", template.Texts["en"]);
        }
    }
}
