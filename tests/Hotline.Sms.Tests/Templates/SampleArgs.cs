using Hotline.Sms.Templates;

namespace Hotline.Sms.Tests.Templates;

/// <summary>Realistic values for every parameter name the catalogue uses.</summary>
internal static class SampleArgs
{
    public const string TicketId = "K7M3QX9P";

    private static readonly Dictionary<string, string> Chinese = new()
    {
        ["ticketId"] = TicketId,
        ["trackingCode"] = "482913",
        ["statusUrl"] = "https://hotline.example.cn/s/K7M3QX9P",
        ["unitName"] = "定西市安定区总工会",
        ["note"] = "经协调，用人单位已于6月10日补发拖欠工资共计48600元。",
        ["summary"] = "工地拖欠钢筋工6个月工资约48600元，涉及23人。",
        ["place"] = "甘肃省定西市安定区",
        ["category"] = "wage_arrears",
        ["dueAt"] = "6月3日 14:30",
        ["stage"] = "80%",
        ["status"] = "acknowledged",
        ["officerName"] = "李明",
        ["step"] = "ack",
        ["rating"] = "2",
        ["count"] = "3",
        ["items"] = "K7M3QX9P（6月3日）、H4T8WN2C（6月5日）、R9D2LM7F（6月9日）",
        ["date"] = "6月3日",
        ["newCount"] = "5",
        ["openCount"] = "12",
        ["overdueCount"] = "1",
        ["resolvedCount"] = "4",
        ["satisfiedCount"] = "3",
        ["ratedCount"] = "4",
    };

    private static readonly Dictionary<string, string> English = new(Chinese)
    {
        ["unitName"] = "Anding District Trade Union",
        ["note"] = "The employer paid the 48,600 yuan of wages owed on 10 June.",
        ["summary"] = "Site owes 23 rebar workers 6 months of wages, about 48,600 yuan.",
        ["place"] = "Anding, Dingxi, Gansu",
        ["dueAt"] = "3 Jun 14:30",
        ["officerName"] = "Li Ming",
        ["items"] = "K7M3QX9P (3 Jun), H4T8WN2C (5 Jun), R9D2LM7F (9 Jun)",
        ["date"] = "3 Jun",
    };

    public static Dictionary<string, string> For(SmsTemplate template, string language) =>
        template.Parameters.ToDictionary(p => p.Name, p => (language == SmsLanguage.English ? English : Chinese)[p.Name]);
}
