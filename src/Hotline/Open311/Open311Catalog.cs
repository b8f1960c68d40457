using Hotline.Cases;
using Hotline.Intake.WebForm;

namespace Hotline.Open311;

/// <summary>
/// Our case categories as the standard's services: service_code is the category code, the name the one the web
/// form shows (zh-CN, or English), every service realtime (the ticket id comes back at once) without attributes.
/// </summary>
public static class Open311Catalog
{
    public static IReadOnlyList<Open311Service> Services(bool english) =>
    [
        .. CategoryLabels.All.Select(c => new Open311Service(c.Code, english ? c.English : c.Chinese, Metadata: false, "realtime", Group(c.Code, english))),
    ];

    public static bool IsService(string? code) => CaseCategory.IsKnown(code);

    public static string Name(string code, bool english) => CategoryLabels.Name(code, new PageLanguage(english));

    /// <summary>Groups as a 12351 hotline sorts its work: rights cases, services to workers, and the rest.</summary>
    private static string Group(string code, bool english) => code switch
    {
        CaseCategory.WageArrears or CaseCategory.LaborContract or CaseCategory.SocialInsurance
            or CaseCategory.WorkInjury or CaseCategory.WorkplaceSafety => english ? "Rights protection" : "权益维护",
        CaseCategory.HardshipAid or CaseCategory.LegalAid or CaseCategory.Employment
            or CaseCategory.UnionMembership or CaseCategory.Counseling => english ? "Services and aid" : "服务帮扶",
        _ => english ? "Other" : "其他",
    };
}
