using Hotline.Cases;
using Hotline.Classification;

namespace Hotline.Tests.Classification;

public sealed class CategoryClassificationTests
{
    // Complaints in the words callers use (cf. the newspaper reports in shared/seeds), several per category.
    public static TheoryData<string, string> ChineseComplaints { get; } = new()
    {
        { CaseCategory.WageArrears, "我在临洮县一个工地干了八个月，包工头一直拖着工资不给，说等工程款下来再结。" },
        { CaseCategory.WageArrears, "老板拖欠我们三个月工资了，每次去问都说下个月发，现在人都找不到了。" },
        { CaseCategory.WageArrears, "我在餐馆当服务员，老板说试用期不发工资，干了两个月一分钱没拿到。" },
        { CaseCategory.WageArrears, "公司每个月都克扣加班费，说是绩效不达标，我们辛苦加班的钱都被扣了。" },
        { CaseCategory.WageArrears, "我是快递员，站点负责人押了我两个月的工资，辞职后也不给结账。" },
        { CaseCategory.LaborContract, "我在电子厂上班一年多了，公司一直不跟我们签劳动合同，现在说要把我调到外地去。" },
        { CaseCategory.LaborContract, "公司突然把我辞退了，没有提前通知，也不给经济补偿，请问这样合法吗？" },
        { CaseCategory.LaborContract, "我怀孕后公司就逼我辞职，还说产假期间不发工资。" },
        { CaseCategory.LaborContract, "入职时公司扣押身份证，还要交500元押金，说干不满一年不退。" },
        { CaseCategory.SocialInsurance, "我在这家物流公司干了三年，公司一直没给我们交社保，现在想补缴怎么办？" },
        { CaseCategory.SocialInsurance, "厂里只给我们交了养老保险，医疗保险一直没交，生病住院全是自己掏钱。" },
        { CaseCategory.SocialInsurance, "我今年就到退休年龄了，但是社保断缴了两年，养老金能领吗？" },
        { CaseCategory.SocialInsurance, "单位不给缴纳住房公积金，五险一金只交了三险。" },
        { CaseCategory.SocialInsurance, "公司没给我们交工伤保险，万一出事怎么办？" },
        { CaseCategory.WorkInjury, "我在工地上从脚手架摔下来，腿摔断了，包工头只给了两千块钱就不管了，工伤怎么认定？" },
        { CaseCategory.WorkInjury, "我在石材厂打磨了十年，现在查出尘肺病，老板说不是在他这里得的，不给赔偿。" },
        { CaseCategory.WorkInjury, "上个月在车间操作冲床时手指被压伤，公司不给申请工伤认定。" },
        { CaseCategory.WorkInjury, "公司没给我交工伤保险，我干活时被砸伤了，医药费都是自己垫的。" },
        { CaseCategory.WorkplaceSafety, "我们车间的机器没有防护罩，工人每天都在冒险作业，向领导反映了也没人管。" },
        { CaseCategory.WorkplaceSafety, "工地上的工人都不戴安全帽，脚手架也没有防护网，感觉很不安全。" },
        { CaseCategory.WorkplaceSafety, "化工厂车间里气味很大，通风设备坏了好几个月，很多工友头晕，怀疑有毒气体泄漏。" },
        { CaseCategory.WorkplaceSafety, "宿舍楼的消防通道被杂物堵死了，灭火器都过期了，存在很大的安全隐患。" },
        { CaseCategory.HardshipAid, "我爱人得了癌症，家里两个孩子上学，我一个人打工挣的钱根本不够看病，生活困难，想申请困难职工帮扶。" },
        { CaseCategory.HardshipAid, "下岗后一直没找到稳定的活，孩子的学费都交不起了，能不能给点补助？" },
        { CaseCategory.HardshipAid, "我是单亲妈妈，在超市上班，每月工资两千多，房租水电交完就没钱了，孩子生病看不起病。" },
        { CaseCategory.LegalAid, "请问公司让我们每天加班到晚上十点不给加班费，我可以去申请劳动仲裁吗？需要请律师吗？" },
        { CaseCategory.LegalAid, "我想咨询一下，劳动仲裁输了还能去法院起诉吗？有没有法律援助？" },
        { CaseCategory.LegalAid, "我被公司起诉了，说我泄露商业秘密，我该找哪里的律师？法院的传票已经寄到家里了。" },
        { CaseCategory.Employment, "我今年四十五岁，厂子倒闭后一直失业在家，想参加技能培训再找工作，工会能帮忙推荐吗？" },
        { CaseCategory.Employment, "听说工会要办春风行动招聘会，请问什么时间在哪里举办？我想找一份保安的工作。" },
        { CaseCategory.Employment, "我是退役军人，想学门技术自己创业，能不能申请创业贷款？" },
        { CaseCategory.UnionMembership, "我们公司有两百多名员工，到现在都没有成立工会，我们想自己组建工会，应该找谁？" },
        { CaseCategory.UnionMembership, "我是外卖骑手，听说新就业形态劳动者也可以加入工会，怎么办理入会手续？" },
        { CaseCategory.UnionMembership, "我的工会会员卡丢了，会费是每个月从工资里扣的吗？" },
        { CaseCategory.Counseling, "最近工作压力大，天天失眠，感觉自己快崩溃了，想找个心理咨询师聊聊。" },
        { CaseCategory.Counseling, "我在外地打工，一个人很孤独，情绪很低落，跟家里人也说不上话。" },
        { CaseCategory.Counseling, "被车间主任当众辱骂好几次了，心里很委屈，晚上睡不着觉，整个人都很焦虑。" },
        { CaseCategory.Suggestion, "建议工会在工业园区多设几个户外劳动者服务站点，夏天给环卫工人提供饮水和休息的地方。" },
        { CaseCategory.Suggestion, "对12351热线提个意见，电话打了好几次都占线，希望能增加接线人员。" },
        { CaseCategory.Suggestion, "感谢工会帮我们讨回了工资，给你们点赞！" },
        { CaseCategory.Suggestion, "建议企业开展工资集体协商，签订集体合同。" },
        { CaseCategory.Other, "你好，请问你们办公室几点下班？" },
        { CaseCategory.Other, "我家小区门口的路灯坏了好几天了。" },
    };

    public static TheoryData<string, string> EnglishComplaints { get; } = new()
    {
        { CaseCategory.WageArrears, "My boss hasn't paid my wages for three months and now he won't answer my calls." },
        { CaseCategory.WageArrears, "I worked on a construction site for six months and the contractor still owes me 20,000 yuan in back pay." },
        { CaseCategory.LaborContract, "I was fired without notice after I asked for a written contract." },
        { CaseCategory.LaborContract, "The company laid off half the team and refuses to pay severance." },
        { CaseCategory.SocialInsurance, "My employer never paid into my pension or social insurance, what can I do?" },
        { CaseCategory.SocialInsurance, "Is my company allowed to stop paying my medical insurance contributions?" },
        { CaseCategory.WorkInjury, "I injured my back lifting boxes at the warehouse and the company won't cover my medical bills." },
        { CaseCategory.WorkInjury, "After ten years in the quarry I was diagnosed with silicosis, an occupational disease." },
        { CaseCategory.WorkplaceSafety, "There are no fire exits in our workshop and the scaffolding is unsafe." },
        { CaseCategory.WorkplaceSafety, "We handle toxic chemicals without protective equipment and the ventilation is broken." },
        { CaseCategory.HardshipAid, "My husband has cancer and we can't afford the rent, we need financial help." },
        { CaseCategory.HardshipAid, "I'm a single mother and cannot afford my daughter's school fees this term." },
        { CaseCategory.LegalAid, "I need a lawyer, is it legal for my employer to keep my ID card?" },
        { CaseCategory.LegalAid, "How do I apply for arbitration, and can I get legal aid for free?" },
        { CaseCategory.Employment, "I'm unemployed and looking for a job, are there any job fairs this month?" },
        { CaseCategory.Employment, "Does the union offer vocational skills training for people out of work?" },
        { CaseCategory.UnionMembership, "How can I join the union at my factory and how much are the union dues?" },
        { CaseCategory.UnionMembership, "There is no union at our delivery company; we want to set up a union." },
        { CaseCategory.Counseling, "I feel so stressed and anxious at work that I can't sleep, I need someone to talk to." },
        { CaseCategory.Counseling, "Since my manager started bullying me I feel depressed and hopeless." },
        { CaseCategory.Suggestion, "I suggest the union open a service station near the industrial park." },
        { CaseCategory.Suggestion, "Thanks for your help, the hotline would be great if it also answered at weekends, here is my feedback." },
        { CaseCategory.Other, "Hello, what are your office hours?" },
    };

    [Theory]
    [MemberData(nameof(ChineseComplaints))]
    public void Chinese_complaints_are_classified_by_keywords(string expected, string text) =>
        AssertClassifiedAs(expected, text);

    [Theory]
    [MemberData(nameof(EnglishComplaints))]
    public void English_complaints_are_classified_by_keywords(string expected, string text) =>
        AssertClassifiedAs(expected, text);

    [Fact]
    public void Every_category_but_other_is_reached_by_some_test_text()
    {
        var covered = ChineseComplaints.Select(row => (string)row[0]).ToHashSet();
        Assert.Equal(CaseCategory.All.Order(), covered.Order());
        var coveredInEnglish = EnglishComplaints.Select(row => (string)row[0]).ToHashSet();
        Assert.Equal(CaseCategory.All.Order(), coveredInEnglish.Order());
    }

    [Fact]
    public void The_callers_category_wins_over_the_text()
    {
        var result = TestClassifiers.Default.Classify("包工头拖欠工资三个月了", CaseCategory.LegalAid, affectedCount: null);

        Assert.Equal(CaseCategory.LegalAid, result.Category);
        Assert.True(result.CategoryChosenByCaller);
        Assert.Equal("category legal_aid chosen by the caller", result.Reasons[0]);
    }

    [Fact]
    public void The_callers_choice_of_other_is_kept_too()
    {
        var result = TestClassifiers.Default.Classify("包工头拖欠工资三个月了", CaseCategory.Other, affectedCount: null);

        Assert.Equal(CaseCategory.Other, result.Category);
        Assert.True(result.CategoryChosenByCaller);
    }

    [Theory]
    [InlineData("no_such_category")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Without_a_valid_chosen_category_the_text_is_classified(string? chosen)
    {
        var result = TestClassifiers.Default.Classify("包工头拖欠工资三个月了", chosen, affectedCount: null);

        Assert.Equal(CaseCategory.WageArrears, result.Category);
        Assert.False(result.CategoryChosenByCaller);
    }

    [Fact]
    public void An_unknown_chosen_category_is_noted_in_the_reasons()
    {
        var result = TestClassifiers.Default.Classify("包工头拖欠工资三个月了", "no_such_category", affectedCount: null);

        Assert.Contains(result.Reasons, r => r.Contains("'no_such_category' is not a category code", StringComparison.Ordinal));
    }

    [Fact]
    public void The_category_reason_names_the_keywords_and_score()
    {
        var result = TestClassifiers.Default.Classify("包工头拖欠工资三个月了", null, null);

        Assert.Equal("category wage_arrears from keywords 包工头, 拖欠工资 (score 5)", result.Reasons[0]);
    }

    [Fact]
    public void A_text_without_keywords_is_other_with_a_reason()
    {
        var result = TestClassifiers.Default.Classify("你好", null, null);

        Assert.Equal(CaseCategory.Other, result.Category);
        Assert.Equal(["no category keywords found; category other"], result.Reasons);
    }

    [Fact]
    public void An_empty_text_is_other_and_normal()
    {
        var result = TestClassifiers.Default.Classify(string.Empty, null, null);

        Assert.Equal(new Hotline.Classification.Classification(CaseCategory.Other, false, CasePriority.Normal, result.Reasons), result);
    }

    [Fact]
    public void A_tie_goes_to_the_category_listed_first_in_the_table()
    {
        // 工资 (wage_arrears, 1) and 咨询 (legal_aid, 1): wage_arrears is listed first.
        var result = TestClassifiers.Default.Classify("我想咨询一下工资", null, null);

        Assert.Equal(CaseCategory.WageArrears, result.Category);
        Assert.Contains("tied with legal_aid, broken by table order", result.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_term_inside_a_longer_matched_term_does_not_count_twice()
    {
        // 拖欠工资 (3) contains 拖欠 (2) and 工资 (1): only the long term counts.
        var score = TestClassifiers.Table.Categories.Single(c => c.Category == CaseCategory.WageArrears)
            .Score(NormalizedText.From("拖欠工资"));

        Assert.Equal(3, score.Score);
        Assert.Equal(["拖欠工资"], score.Matches);
    }

    [Fact]
    public void A_repeated_term_counts_once()
    {
        var once = TestClassifiers.Table.Categories[0].Score(NormalizedText.From("工伤"));
        var thrice = TestClassifiers.Table.Categories[0].Score(NormalizedText.From("工伤，工伤，工伤"));

        Assert.Equal(once.Score, thrice.Score);
    }

    [Theory]
    [InlineData("失业保险断缴了", CaseCategory.SocialInsurance)]
    [InlineData("I lost my unemployment insurance", CaseCategory.SocialInsurance)]
    [InlineData("律师建议我先去仲裁", CaseCategory.LegalAid)]
    public void Ignored_phrases_keep_words_out_of_the_wrong_category(string text, string expected) =>
        AssertClassifiedAs(expected, text);

    [Fact]
    public void A_null_text_is_rejected() =>
        Assert.Throws<ArgumentNullException>(() => TestClassifiers.Default.Classify(null!, null, null));

    private static void AssertClassifiedAs(string expected, string text)
    {
        var result = TestClassifiers.Default.Classify(text, chosenCategory: null, affectedCount: null);

        Assert.True(expected == result.Category, $"expected {expected}, got {result.Category}: {string.Join(" | ", result.Reasons)}");
        Assert.False(result.CategoryChosenByCaller);
    }
}
