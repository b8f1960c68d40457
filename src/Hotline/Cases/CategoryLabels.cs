namespace Hotline.Cases;

/// <summary>How categories read to people (texts, pages, the ledger).</summary>
public static class CategoryLabels
{
    private static readonly Dictionary<string, (string Zh, string En)> Labels = new(StringComparer.Ordinal)
    {
        [CaseCategory.WageArrears] = ("欠薪/劳动报酬", "Unpaid wages"),
        [CaseCategory.LaborContract] = ("劳动合同", "Labour contract"),
        [CaseCategory.SocialInsurance] = ("社会保险", "Social insurance"),
        [CaseCategory.WorkInjury] = ("工伤/职业病", "Work injury"),
        [CaseCategory.WorkplaceSafety] = ("安全生产", "Workplace safety"),
        [CaseCategory.HardshipAid] = ("困难帮扶", "Hardship aid"),
        [CaseCategory.LegalAid] = ("法律援助/咨询", "Legal aid"),
        [CaseCategory.Employment] = ("就业服务", "Employment services"),
        [CaseCategory.UnionMembership] = ("建会入会", "Union membership"),
        [CaseCategory.Counseling] = ("心理咨询", "Counselling"),
        [CaseCategory.Suggestion] = ("意见建议", "Suggestion"),
        [CaseCategory.Other] = ("其他", "Other"),
    };

    public static string Chinese(string category) => Labels.TryGetValue(category, out var l) ? l.Zh : category;

    public static string English(string category) => Labels.TryGetValue(category, out var l) ? l.En : category;

    public static string For(string category, string language) => language == "en" ? English(category) : Chinese(category);
}
