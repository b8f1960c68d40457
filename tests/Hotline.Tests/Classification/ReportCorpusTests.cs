using Hotline.Cases;
using Hotline.Classification;

namespace Hotline.Tests.Classification;

/// <summary>
/// Reports written the way callers write them, beyond the keyword examples: negations ("nobody was hurt"), two
/// problems in one text (the main one is expected), deaths and falls, strikes, and English. A category rule picks
/// the unit, so a miss here sends a case to the wrong office.
/// </summary>
public sealed class ReportCorpusTests
{
    public static TheoryData<string, string> Reports { get; } = new()
    {
        // Work injury: deaths and falls, injuries mentioned next to other problems.
        { CaseCategory.WorkInjury, "我哥在工地从三楼坠落身亡，老板只愿意赔五万，说是他自己不小心。" },
        { CaseCategory.WorkInjury, "我父亲在搅拌站干活时触电死了，公司到现在也不肯办工亡认定。" },
        { CaseCategory.WorkInjury, "A worker at our plant fell from the roof last night and died. The company says it is not their responsibility." },
        { CaseCategory.WorkInjury, "My colleague was electrocuted while fixing a cable and is in intensive care; who pays the hospital?" },
        { CaseCategory.WorkInjury, "昨天从梯子上摔下来，腰椎骨折住院了，老板不给报销医药费，也没给我们交社保。" },
        { CaseCategory.WorkInjury, "The company says my back injury is not a work injury because it happened on my way to work." },
        { CaseCategory.WorkInjury, "工友在高空作业时跌落，当场死亡，包工头把人送到医院后就跑了。" },

        // Wage arrears: with negations, strikes and stoppages.
        { CaseCategory.WageArrears, "老板拖欠了我们四个月的工资，没有人受伤，也没有安全问题，我们就是要工资。" },
        { CaseCategory.WageArrears, "The contractor has not paid us for three months. Nobody was hurt and there is no safety problem, we just want our wages." },
        { CaseCategory.WageArrears, "我们一百多人罢工了，因为厂里已经三个月没发工资。" },
        { CaseCategory.WageArrears, "Workers at the garment factory went on strike today because the owner stopped paying us in August." },
        { CaseCategory.WageArrears, "All of us walked out this morning; the company has owed us two months of pay and nobody was injured." },
        { CaseCategory.WageArrears, "工地停工两个月了，包工头说等甲方结款再给我们结工钱，现在人也联系不上。" },
        { CaseCategory.WageArrears, "工人们今天集体停工，要求老板把拖了半年的钱结清。" },

        // Workplace safety: a hazard with nobody hurt yet.
        { CaseCategory.WorkplaceSafety, "车间里的电线裸露在外面，随时可能漏电，目前还没有人受伤，但大家都很害怕。" },
        { CaseCategory.WorkplaceSafety, "Our warehouse has no fire extinguishers and the emergency exits are locked; luckily nobody has been hurt yet." },
        { CaseCategory.WorkplaceSafety, "工厂让我们在没有防护措施的情况下清理化学品储罐，工友们都头晕恶心。" },
        { CaseCategory.WorkplaceSafety, "The scaffolding on our site shakes and the boss tells us to keep working without harnesses. No one was injured so far." },
        { CaseCategory.WorkplaceSafety, "工地上没有安全帽，也没有安全网，工人每天在十几米高的地方干活。" },

        // Social insurance.
        { CaseCategory.SocialInsurance, "公司一直没给我交社保，没有人受伤，我只是想知道怎么补缴。" },
        { CaseCategory.SocialInsurance, "单位说试用期不交五险一金，我已经干了八个月了。" },
        { CaseCategory.SocialInsurance, "My employer stopped paying my pension contributions last year without telling me." },
        { CaseCategory.SocialInsurance, "I retire next month but my social security record is missing four years of contributions." },

        // Labour contract: leave, dismissal, with a negated injury.
        { CaseCategory.LaborContract, "我想问一下年假的事，公司说干满五年才有年假，没有人受伤，也没有安全问题。" },
        { CaseCategory.LaborContract, "My contract says five days of annual leave but the manager refuses all of it. Nobody was hurt, it is about my leave." },
        { CaseCategory.LaborContract, "公司突然通知我们整个部门被裁员，只给一个月工资作为补偿，合同还有一年才到期。" },
        { CaseCategory.LaborContract, "I was dismissed by text message after I refused to sign a new contract with lower pay." },

        // Hardship aid.
        { CaseCategory.HardshipAid, "我丈夫去年在工地去世了，家里两个孩子要上学，生活非常困难，想申请帮扶。" },
        { CaseCategory.HardshipAid, "My wife has cancer and after the hospital bills we have no money left for food. Is there any union help for hardship?" },
        { CaseCategory.HardshipAid, "下岗后一直打零工，孩子生病住院花光了积蓄，日子过不下去了，想申请困难补助。" },

        // Counselling.
        { CaseCategory.Counseling, "每天加班到半夜，压力大得喘不过气，最近经常失眠，不想上班了。" },
        { CaseCategory.Counseling, "I've been feeling really anxious since the layoffs were announced, I can't sleep and need someone to talk to." },
        { CaseCategory.Counseling, "被同事排挤了半年，心里很压抑，晚上睡不着，不知道该跟谁说。" },

        // Legal aid.
        { CaseCategory.LegalAid, "仲裁裁决公司要付我三万块，可是公司一直不执行，我该怎么申请法院强制执行？" },
        { CaseCategory.LegalAid, "My employer is suing me for breaking the non-compete clause. Can the union find me a lawyer?" },
        { CaseCategory.LegalAid, "公司让我签一份放弃加班费的声明，这个合法吗？" },

        // Employment.
        { CaseCategory.Employment, "我是刚毕业的大学生，想找工作，工会有没有招聘会的信息？" },
        { CaseCategory.Employment, "The factory closed and I lost my job at fifty. Are there any free skills training courses?" },
        { CaseCategory.Employment, "今年五十岁，下岗以后一直没工作，想学个电工证，哪里有免费培训？" },

        // Union membership.
        { CaseCategory.UnionMembership, "我们是外卖骑手，想加入工会，需要交会费吗？" },
        { CaseCategory.UnionMembership, "公司一直没有成立工会，我们几个工友想组建工会，但领导不同意。" },
        { CaseCategory.UnionMembership, "How do I join the union? Nobody at my workplace is a union member." },

        // Suggestions.
        { CaseCategory.Suggestion, "建议热线晚上也能有人接听，白天上班时间打不了电话。" },
        { CaseCategory.Suggestion, "I'd suggest adding English versions of the text replies for foreign workers." },
        { CaseCategory.Suggestion, "感谢工会上次帮我们讨回了工资，建议多宣传一下12351热线。" },

        // Written after the table was tuned on the rows above (held out), kept as they were.
        { CaseCategory.WorkInjury, "我老公在矿井下被落石砸中，当场就没了呼吸，矿上说要私了。" },
        { CaseCategory.WorkInjury, "My cousin fell down a lift shaft at the building site and broke both legs." },
        { CaseCategory.WageArrears, "干了一年装修，老板一直说下个月结，现在电话也不接了，没人受伤，就是钱要不回来。" },
        { CaseCategory.WageArrears, "The restaurant closed overnight and the owner disappeared without paying any of the kitchen staff." },
        { CaseCategory.WorkplaceSafety, "矿井里瓦斯浓度经常超标，报警器被人关掉了，还没出事，但是迟早要出事。" },
        { CaseCategory.WorkplaceSafety, "The forklifts in our warehouse have no brakes that work and nobody has been hurt yet, but it is only a matter of time." },
        { CaseCategory.SocialInsurance, "换了工作以后医保转不过来，新单位说不归他们管。" },
        { CaseCategory.LaborContract, "公司让我们每个月休息两天，加班也不算钱，合同上写的是双休。" },
        { CaseCategory.HardshipAid, "我在工厂上班，女儿得了白血病，治疗费用要几十万，实在拿不出来了。" },
        { CaseCategory.Counseling, "I keep having panic attacks before my shifts and I don't know who to talk to." },
        { CaseCategory.LegalAid, "我想告公司，但是不知道要准备哪些证据，能不能帮我找个律师？" },
        { CaseCategory.Employment, "I'm a migrant worker back in my home town and looking for work nearby. Can the union help?" },

        // Nothing to classify.
        { CaseCategory.Other, "请问你们的办公地址在哪里？" },
        { CaseCategory.Other, "没有人受伤，也没有安全问题。" },
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public void Realistic_reports_get_the_category_of_their_main_problem(string expected, string text)
    {
        var result = TestClassifiers.Default.Classify(text, chosenCategory: null, affectedCount: null);

        Assert.True(expected == result.Category, $"expected {expected}, got {result.Category}: {string.Join(" | ", result.Reasons)}");
    }

    [Theory]
    [InlineData("我哥在工地从三楼坠落身亡，老板只愿意赔五万。", CasePriority.MajorIncident)]
    [InlineData("A worker fell from the roof last night and died.", CasePriority.MajorIncident)]
    [InlineData("工友在高空作业时坠落，现在还在医院。", CasePriority.Urgent)]
    [InlineData("Workers at the garment factory went on strike today over unpaid wages.", CasePriority.MajorIncident)]
    [InlineData("All of us walked out this morning; the company owes us two months of pay.", CasePriority.MajorIncident)]
    [InlineData("工人们今天停工抗议，要求老板把拖了半年的钱结清。", CasePriority.MajorIncident)]
    [InlineData("老板拖欠了我们四个月的工资，没有人受伤，也没有安全问题。", CasePriority.Normal)]
    public void Deaths_falls_and_strikes_raise_the_priority_and_a_negated_injury_does_not(string text, string expected) =>
        Assert.Equal(expected, TestClassifiers.Default.Classify(text, null, null).Priority);
}
