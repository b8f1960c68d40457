using Hotline.Cases;
using Hotline.Classification;

namespace Hotline.Tests.Classification;

public sealed class PriorityClassificationTests
{
    // Text, expected priority, and the reason that must be recorded for it.
    public static TheoryData<string, string, string> Triggers { get; } = new()
    {
        // Threat of self-harm.
        { "老板欠我们工资半年了，再不给钱我就从楼上跳下去，真的不想活了。", CasePriority.MajorIncident, "text mentions self-harm: 不想活" },
        { "包工头不给钱，工友说要爬上塔吊讨薪。", CasePriority.MajorIncident, "text mentions self-harm: 爬上塔吊" },
        { "If I don't get my wages this week I will kill myself.", CasePriority.MajorIncident, "text mentions self-harm: kill myself" },
        // Death or critical injury.
        { "工地塔吊倒了，砸死了一个工友，老板到现在都不露面。", CasePriority.MajorIncident, "text mentions death or critical injury: 砸死" },
        { "我老公在厂里被机器卷进去，现在还在医院昏迷。", CasePriority.MajorIncident, "text mentions death or critical injury: 昏迷" },
        { "矿上出了事故，两名工人抢救无效身亡。", CasePriority.MajorIncident, "text mentions death or critical injury: 抢救, 身亡" },
        { "A worker was killed when the crane collapsed on our site.", CasePriority.MajorIncident, "text mentions death or critical injury: killed" },
        { "My brother was seriously injured at the plant and is in intensive care.", CasePriority.MajorIncident, "text mentions death or critical injury: seriously injured, intensive care" },
        // Mass protest.
        { "我们被拖欠工资，明天准备去政府门口聚集讨说法。", CasePriority.MajorIncident, "text mentions a mass protest: 聚集" },
        { "工人们已经把厂门口的公路堵了，说要堵路到发工资为止。", CasePriority.MajorIncident, "text mentions a mass protest: 堵路" },
        { "Workers are blocking the road outside the factory because they have not been paid.", CasePriority.MajorIncident, "text mentions a mass protest: blocking the road" },
        { "We are on strike because the boss cut our wages.", CasePriority.MajorIncident, "text mentions a mass protest: on strike" },
        // Many workers, by words.
        { "全厂工人的工资都被拖欠了，大家准备集体讨薪。", CasePriority.MajorIncident, "text says many workers are affected: 全厂工人, 集体讨薪" },
        { "The company announced a mass layoff without any compensation.", CasePriority.MajorIncident, "text says many workers are affected: mass layoff" },
        // Many workers, by count.
        { "我们三十多名工人在这个工地干了一年，工资一分没拿到。", CasePriority.MajorIncident, "text mentions 30 workers affected: 三十多名工人 (major-incident threshold 30)" },
        { "上百名农民工被拖欠工资。", CasePriority.MajorIncident, "text mentions 100 workers affected: 上百名农民工 (major-incident threshold 30)" },
        { "几十名工人都没签劳动合同。", CasePriority.MajorIncident, "text mentions 30 workers affected: 几十名工人 (major-incident threshold 30)" },
        { "About 100 workers at the garment factory haven't been paid since March.", CasePriority.MajorIncident, "text mentions 100 workers affected: 100 workers (major-incident threshold 30)" },
        { "Dozens of workers have not received their salaries.", CasePriority.MajorIncident, "text mentions 30 workers affected: dozens of workers (major-incident threshold 30)" },
        { "我们二十多个工友在这个项目上干了半年，一分钱工资都没拿到。", CasePriority.Urgent, "text mentions 20 workers affected: 二十多个工友 (urgent threshold 10)" },
        { "Twelve of us have been waiting two months for our pay.", CasePriority.Urgent, "text mentions 12 workers affected: twelve of us (urgent threshold 10)" },
        // Injury without death.
        { "我在车间搬货时被叉车撞了，腿骨折了。", CasePriority.Urgent, "text mentions an injury: 骨折" },
        { "I fell from the scaffolding and hurt my back.", CasePriority.Urgent, "text mentions an injury: fell from, hurt" },
        // Wages before the Spring Festival.
        { "马上就要过年了，包工头还欠我们工资。", CasePriority.Urgent, "wages owed before the Spring Festival: 过年 + 工资" },
        { "年关将近，老板还拖欠着我们的血汗钱。", CasePriority.Urgent, "wages owed before the Spring Festival: 年关 + 拖欠" },
        { "Chinese New Year is in two weeks and my boss still owes me my wages.", CasePriority.Urgent, "wages owed before the Spring Festival: chinese new year + owes" },
        // Imminent danger.
        { "工棚的墙已经裂开了，随时可能倒塌，里面还住着人。", CasePriority.Urgent, "text mentions imminent danger: 倒塌 + 随时" },
        { "The gas leak in the workshop could explode at any moment.", CasePriority.Urgent, "text mentions imminent danger: gas leak, explode + any moment" },
        // Stranded without money or food.
        { "我被老板赶出来了，身无分文，已经两天没吃饭了，回不了家。", CasePriority.Urgent, "text says a worker is stranded without money or food: 身无分文, 回不了家" },
        { "I'm stranded in the city with no money for food.", CasePriority.Urgent, "text says a worker is stranded without money or food: stranded, no money for food" },
    };

    [Theory]
    [MemberData(nameof(Triggers))]
    public void Each_trigger_raises_the_priority_and_records_its_reason(string text, string priority, string reason)
    {
        var result = TestClassifiers.Default.Classify(text, null, null);

        Assert.True(priority == result.Priority, $"expected {priority}, got {result.Priority}: {string.Join(" | ", result.Reasons)}");
        Assert.Contains(reason, result.Reasons);
    }

    // Ordinary complaints, idioms and negations that must not raise the priority.
    [Theory]
    [InlineData("我们公司有30人，老板拖欠我两个月工资。")]
    [InlineData("厂里一共有200多名员工，就我一个人没签合同。")]
    [InlineData("Our company has 40 employees and my manager refuses to pay my overtime.")]
    [InlineData("天天加班，累死了，工资还不涨。")]
    [InlineData("宿舍楼的消防通道被杂物堵死了，存在很大的安全隐患。")]
    [InlineData("车间昨天着火了，幸好没有人受伤。")]
    [InlineData("仓库发生了塌方，未造成人员伤亡。")]
    [InlineData("There was a small fire in the warehouse but no one was injured.")]
    [InlineData("建议企业开展工资集体协商，签订集体合同。")]
    [InlineData("工会应该多关心困难群体和特殊群体。")]
    [InlineData("这个人口不足4万的小镇吸引了很多人才聚集于此。")]
    [InlineData("母亲病重，我请假紧急送医，公司扣了我全勤奖。")]
    [InlineData("我在工地干了8个月，老板欠了我3万元。")]
    [InlineData("公司所以死活不给我补缴社保。")]
    [InlineData("The ventilation is broken and nobody fixes it.")]
    public void Ordinary_complaints_stay_normal(string text)
    {
        var result = TestClassifiers.Default.Classify(text, null, null);

        Assert.True(result.Priority == CasePriority.Normal, $"got {result.Priority}: {string.Join(" | ", result.Reasons)}");
        Assert.Single(result.Reasons);
    }

    [Fact]
    public void A_headcount_followed_by_what_happened_to_the_workers_counts_as_affected()
    {
        var result = TestClassifiers.Default.Classify("我们公司有30多名工人都没拿到工资。", null, null);

        Assert.Equal(CasePriority.MajorIncident, result.Priority);
    }

    [Theory]
    [InlineData(30, CasePriority.MajorIncident, "caller reports 30 workers affected (major-incident threshold 30)")]
    [InlineData(120, CasePriority.MajorIncident, "caller reports 120 workers affected (major-incident threshold 30)")]
    [InlineData(10, CasePriority.Urgent, "caller reports 10 workers affected (urgent threshold 10)")]
    [InlineData(29, CasePriority.Urgent, "caller reports 29 workers affected (urgent threshold 10)")]
    public void The_callers_affected_count_raises_the_priority(int affected, string priority, string reason)
    {
        var result = TestClassifiers.Default.Classify("老板拖欠工资", null, affected);

        Assert.Equal(priority, result.Priority);
        Assert.Contains(reason, result.Reasons);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_small_or_nonsensical_affected_count_leaves_the_priority_alone(int affected)
    {
        var result = TestClassifiers.Default.Classify("老板拖欠工资", null, affected);

        Assert.Equal(CasePriority.Normal, result.Priority);
    }

    [Fact]
    public void The_highest_trigger_wins_and_every_reason_is_recorded()
    {
        var result = TestClassifiers.Default.Classify(
            "马上过年了，我们四十多名工人的工资还没发，工友受伤住院没人管，大家准备去政府上访，有人说不想活了。", null, 45);

        Assert.Equal(CasePriority.MajorIncident, result.Priority);
        Assert.Contains("text mentions self-harm: 不想活", result.Reasons);
        Assert.Contains("text mentions a mass protest: 上访", result.Reasons);
        Assert.Contains("text mentions an injury: 受伤", result.Reasons);
        Assert.Contains("wages owed before the Spring Festival: 过年 + 工资", result.Reasons);
        Assert.Contains("caller reports 45 workers affected (major-incident threshold 30)", result.Reasons);
        Assert.Contains("text mentions 40 workers affected: 四十多名工人 (major-incident threshold 30)", result.Reasons);
        Assert.Equal(7, result.Reasons.Count);
    }

    [Fact]
    public void Priority_does_not_depend_on_the_callers_category()
    {
        var result = TestClassifiers.Default.Classify("工友从脚手架上摔下来，现在昏迷不醒。", CaseCategory.Suggestion, null);

        Assert.Equal(CaseCategory.Suggestion, result.Category);
        Assert.Equal(CasePriority.MajorIncident, result.Priority);
    }

    [Fact]
    public void Thresholds_come_from_the_options()
    {
        var classifier = TestClassifiers.Create(new ClassificationOptions { MajorIncidentAffectedCount = 50, UrgentAffectedCount = 20 });

        Assert.Equal(CasePriority.Urgent, classifier.Classify("三十多名工人被拖欠工资", null, null).Priority);
        Assert.Equal(CasePriority.Urgent, classifier.Classify("老板拖欠工资", null, 45).Priority);
        Assert.Equal(CasePriority.Normal, classifier.Classify("十几个工友被拖欠工资", null, 15).Priority);
        Assert.Contains(
            "caller reports 50 workers affected (major-incident threshold 50)",
            classifier.Classify("老板拖欠工资", null, 50).Reasons);
    }

    [Fact]
    public void The_default_thresholds_are_30_and_10()
    {
        var options = new ClassificationOptions();

        Assert.Equal(30, options.MajorIncidentAffectedCount);
        Assert.Equal(10, options.UrgentAffectedCount);
        Assert.Equal("Hotline:Classification", ClassificationOptions.Section);
    }
}
