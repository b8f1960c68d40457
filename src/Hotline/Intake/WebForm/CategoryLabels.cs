using Hotline.Cases;

namespace Hotline.Intake.WebForm;

/// <summary>How the pages name the case categories, in the order the form lists them.</summary>
internal static class CategoryLabels
{
    public static IReadOnlyList<(string Code, string Chinese, string English)> All { get; } =
    [
        (CaseCategory.WageArrears, "欠薪/劳动报酬", "Unpaid wages / pay"),
        (CaseCategory.LaborContract, "劳动合同", "Labour contract"),
        (CaseCategory.SocialInsurance, "社会保险", "Social insurance"),
        (CaseCategory.WorkInjury, "工伤/职业病", "Work injury / occupational disease"),
        (CaseCategory.WorkplaceSafety, "安全生产", "Workplace safety"),
        (CaseCategory.HardshipAid, "困难帮扶", "Hardship aid"),
        (CaseCategory.LegalAid, "法律援助/咨询", "Legal aid / advice"),
        (CaseCategory.Employment, "就业服务", "Employment services"),
        (CaseCategory.UnionMembership, "建会入会", "Joining or forming a union"),
        (CaseCategory.Counseling, "心理咨询", "Counselling"),
        (CaseCategory.Suggestion, "意见建议", "Suggestion"),
        (CaseCategory.Other, "其他", "Other"),
    ];

    public static string Name(string? code, PageLanguage language)
    {
        foreach (var (known, chinese, english) in All)
        {
            if (string.Equals(known, code, StringComparison.Ordinal))
            {
                return language.Pick(chinese, english);
            }
        }

        return language.Pick("未分类", "Not yet classified");
    }
}
