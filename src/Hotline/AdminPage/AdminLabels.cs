using Hotline.Cases;
using Hotline.Intake.WebForm;

namespace Hotline.AdminPage;

/// <summary>What the admin page calls the report's codes, in both languages.</summary>
internal static class AdminLabels
{
    public static IReadOnlyList<string> Statuses { get; } =
        [CaseStatus.Received, CaseStatus.Assigned, CaseStatus.Acknowledged, CaseStatus.Resolved, CaseStatus.Closed];

    public static IReadOnlyList<string> Priorities { get; } = [CasePriority.Normal, CasePriority.Urgent, CasePriority.MajorIncident];

    public static string Status(string code, PageLanguage lang) => code switch
    {
        CaseStatus.Received => lang.Pick("已受理待分派", "Received"),
        CaseStatus.Assigned => lang.Pick("已派单待签收", "Assigned"),
        CaseStatus.Acknowledged => lang.Pick("办理中", "Acknowledged"),
        CaseStatus.Resolved => lang.Pick("已办结待回访", "Resolved"),
        CaseStatus.Closed => lang.Pick("已结案", "Closed"),
        _ => code,
    };

    public static string Priority(string code, PageLanguage lang) => code switch
    {
        CasePriority.Normal => lang.Pick("一般", "Normal"),
        CasePriority.Urgent => lang.Pick("紧急", "Urgent"),
        CasePriority.MajorIncident => lang.Pick("重大事项", "Major incident"),
        _ => code,
    };

    public static string Channel(string code, PageLanguage lang) => code switch
    {
        "web" => lang.Pick("网页表单", "Web form"),
        "api" => lang.Pick("接口", "API"),
        "sms" => lang.Pick("短信", "SMS"),
        "open311" => "Open311",
        _ => code,
    };

    public static string Overdue(string which, PageLanguage lang) =>
        which == "acknowledgement" ? lang.Pick("超时未签收", "Not acknowledged in time") : lang.Pick("超期未办结", "Not resolved in time");

    public static string Acknowledgement(PageLanguage lang) => lang.Pick("响应率", "Acknowledged on time");

    public static string Resolution(PageLanguage lang) => lang.Pick("解决率", "Resolved on time");

    public static string Satisfaction(PageLanguage lang) => lang.Pick("满意率", "Satisfied");
}
