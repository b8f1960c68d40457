using Hotline.Classification;

namespace Hotline.Tests.Classification;

public sealed class WorkerCountTests
{
    [Theory]
    [InlineData("30", 30)]
    [InlineData("三", 3)]
    [InlineData("两", 2)]
    [InlineData("十", 10)]
    [InlineData("十五", 15)]
    [InlineData("三十", 30)]
    [InlineData("一百二十", 120)]
    [InlineData("一百零五", 105)]
    [InlineData("两百", 200)]
    [InlineData("三千", 3000)]
    [InlineData("一万", 10000)]
    [InlineData("十几", 10)]
    [InlineData("二十几", 20)]
    [InlineData("几", 3)]
    [InlineData("几十", 30)]
    [InlineData("数十", 30)]
    [InlineData("上百", 100)]
    [InlineData("近百", 100)]
    [InlineData("几百", 100)]
    [InlineData("数百", 100)]
    [InlineData("上千", 1000)]
    public void Chinese_numerals_are_read(string numeral, int expected) =>
        Assert.Equal(expected, WorkerCount.ParseChinese(numeral));

    [Theory]
    [InlineData("")]
    [InlineData("上")]
    [InlineData("零")]
    [InlineData("0")]
    [InlineData("99999999999")]
    public void Non_numbers_and_zero_are_not_read(string numeral) =>
        Assert.Null(WorkerCount.ParseChinese(numeral));

    [Theory]
    [InlineData("二十多名工人被拖欠工资", 20, "二十多名工人")]
    [InlineData("30余人没拿到工资", 30, "30余人")]
    [InlineData("30多名工人", 30, "30多名工人")]
    [InlineData("上百名农民工", 100, "上百名农民工")]
    [InlineData("我和其他十几个工友", 10, "十几个工友")]
    [InlineData("十来个同事", 10, "十来个同事")]
    [InlineData("几个工友", 3, "几个工友")]
    [InlineData("一共五十名", 50, "五十名")]
    [InlineData("我们３０多名工人", 30, "30多名工人")]
    [InlineData("有 3 0 名 工 人", 30, "30名工人")]
    [InlineData("3个人先来，后来又来了12个人", 12, "12个人")]
    [InlineData("100 workers", 100, "100 workers")]
    [InlineData("About 1,200 migrant workers", 1200, "1,200 migrant workers")]
    [InlineData("dozens of workers", 30, "dozens of workers")]
    [InlineData("hundreds of people", 100, "hundreds of people")]
    [InlineData("thirty-five employees", 35, "thirty-five employees")]
    [InlineData("a hundred colleagues", 100, "a hundred colleagues")]
    [InlineData("30 of us", 30, "30 of us")]
    [InlineData("We have 40 workers who are unpaid", 40, "40 workers")]
    public void The_largest_count_of_workers_is_read_from_the_text(string text, int count, string evidence)
    {
        var mention = WorkerCount.Largest(NormalizedText.From(text));

        Assert.Equal(new WorkerCountMention(count, evidence), mention);
    }

    [Theory]
    [InlineData("我在工地干了8个月")]
    [InlineData("老板欠了我3万元")]
    [InlineData("欠我3万人民币")]
    [InlineData("这个月服务了200人次")]
    [InlineData("排名第30名")]
    [InlineData("拨打12351热线")]
    [InlineData("我们公司有30人，老板拖欠我工资")]
    [InlineData("公司里大约有100名员工。")]
    [InlineData("国网滨海县供电公司共有职工780名，其中青年职工占比近40%。")]
    [InlineData("Our company has 40 employees.")]
    [InlineData("a factory with 300 workers")]
    [InlineData("I worked there for 20 years")]
    [InlineData("someone told me")]
    public void Numbers_not_about_affected_workers_are_not_counted(string text) =>
        Assert.Null(WorkerCount.Largest(NormalizedText.From(text)));
}
