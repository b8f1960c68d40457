using System.Globalization;
using Hotline.Cases;

namespace Hotline.Intake.WebForm;

/// <summary>
/// The caller's view of a case as a page: what state it is in, which union unit handles it, and when each step
/// happened (China time). Served for the lookup form at <see cref="LookupPath"/>
/// (<c>?ticketId=…&amp;code=…&amp;lang=…</c>); a plain HTML form cannot put the ticket id into the path of
/// <c>/api/submissions/{ticketId}</c>.
/// </summary>
public static class StatusPage
{
    public const string LookupPath = "/status";
    public const string TicketIdField = "ticketId";
    public const string CodeField = "code";
    public const string LanguageField = WebFormPage.LanguageQuery;

    /// <summary>The status page of a case, root-relative like the form's own links (the browser is on this site).</summary>
    public static string Href(string ticketId, string code, string language) =>
        $"{LookupPath}?{TicketIdField}={Uri.EscapeDataString(ticketId)}&{CodeField}={Uri.EscapeDataString(code)}"
        + (PageLanguage.From(language).IsEnglish ? $"&{LanguageField}={PageLanguage.English}" : "");

    public static string Render(string language, CaseStatusView status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var lang = PageLanguage.From(language);
        var w = new HtmlWriter();
        PageLayout.Begin(w, lang, PageLayout.Title(lang, lang.Pick("办理进度", "Progress"), hasErrors: false), showLanguageSwitch: false, indexable: false);

        w.Raw("<div class=\"card\">\n")
            .Raw("<h1>").Text(lang.Pick("办理进度", "Progress of your report")).Raw("</h1>\n")
            .Raw("<dl class=\"ticket\">\n")
            .Raw("<div>\n<dt>").Text(lang.Pick("工单号", "Ticket number")).Raw("</dt>\n")
            .Raw("<dd><code class=\"code-big\" id=\"ticket-id\">").Text(status.TicketId).Raw("</code></dd>\n</div>\n")
            .Raw("<div>\n<dt>").Text(lang.Pick("当前状态", "Status")).Raw("</dt>\n")
            .Raw("<dd id=\"status\"><strong>").Text(StatusName(status.Status, lang)).Raw("</strong></dd>\n</div>\n")
            .Raw("<div>\n<dt>").Text(lang.Pick("问题类别", "Type of problem")).Raw("</dt>\n")
            .Raw("<dd>").Text(CategoryLabels.Name(status.Category, lang)).Raw("</dd>\n</div>\n")
            .Raw("<div>\n<dt>").Text(lang.Pick("承办单位", "Handled by")).Raw("</dt>\n")
            .Raw("<dd>").Text(string.IsNullOrWhiteSpace(status.UnitName) ? lang.Pick("正在分派", "Being assigned") : status.UnitName).Raw("</dd>\n</div>\n")
            .Raw("</dl>\n</div>\n");

        w.Raw("<section class=\"card\" aria-labelledby=\"steps-heading\">\n")
            .Raw("<h2 id=\"steps-heading\">").Text(lang.Pick("办理过程（北京时间）", "Steps (China time)")).Raw("</h2>\n")
            .Raw("<ol class=\"timeline\">\n");
        (string Chinese, string English, DateTimeOffset? At)[] steps =
        [
            ("已受理", "Received", status.ReceivedAt),
            ("已分派到承办单位", "Assigned to a union unit", status.AssignedAt),
            ("工作人员已签收，正在办理", "Taken up by a union officer", status.AcknowledgedAt),
            ("已办结", "Resolved", status.ResolvedAt),
            ("已结案", "Closed", status.ClosedAt),
        ];
        // The status decides where the case is: a reopened case is "assigned" again though it once had a resolution time.
        var current = status.Status switch
        {
            CaseStatus.Assigned => 1,
            CaseStatus.Acknowledged => 2,
            CaseStatus.Resolved => 3,
            CaseStatus.Closed => 4,
            _ => 0,
        };
        for (var i = 0; i < steps.Length; i++)
        {
            var (chinese, english, stepAt) = steps[i];
            var at = i <= current ? stepAt : null;
            var css = at is null ? string.Empty : " class=\"done\"";
            var currentStep = i == current ? " aria-current=\"step\"" : string.Empty;
            w.Raw($"<li{css}{currentStep}>").Text(lang.Pick(chinese, english));
            if (at is { } time)
            {
                var local = ChinaTime.ToChina(time);
                w.Raw($"<time datetime=\"{local.ToString("yyyy-MM-ddTHH:mmzzz", CultureInfo.InvariantCulture)}\">")
                    .Text(local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Raw("</time>");
            }
            else
            {
                w.Raw("<span class=\"pending\">").Text(lang.Pick("尚未进行", "Not yet")).Raw("</span>");
            }

            w.Raw("</li>\n");
        }

        w.Raw("</ol>\n")
            .Raw($"<p><a href=\"{HtmlWriter.Encode(PageLayout.FormHref(lang))}\">")
            .Text(lang.Pick("反映另一个问题", "Report another problem")).Raw("</a></p>\n")
            .Raw("</section>\n");

        PageLayout.End(w, lang);
        return w.ToString();
    }

    /// <summary>
    /// The answer (404) for an unknown ticket id or a wrong code; it does not say which, so nobody learns whether an id exists.
    /// </summary>
    public static string RenderNotFound(string language, string? ticketId)
    {
        var lang = PageLanguage.From(language);
        var w = new HtmlWriter();
        PageLayout.Begin(w, lang, PageLayout.Title(lang, lang.Pick("未找到工单", "Report not found"), hasErrors: true), showLanguageSwitch: false, indexable: false);
        w.Raw("<div class=\"error-summary\" id=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" tabindex=\"-1\" autofocus>\n")
            .Raw("<h1 id=\"error-summary-title\">").Text(lang.Pick("未找到工单", "We could not find that report")).Raw("</h1>\n")
            .Raw("<p>").Text(lang.Pick(
                "请核对工单号和查询码（字母不区分大小写，不含数字 0、1 和字母 O、I、L）。",
                "Check the ticket number and the tracking code. Letters may be in either case; they never contain 0, 1, O, I or L."))
            .Raw("</p>\n</div>\n");
        WebFormPage.WriteStatusLookup(w, lang, ticketId);
        PageLayout.End(w, lang);
        return w.ToString();
    }

    /// <summary>The answer (429) when one connection looks up too many reports in a minute.</summary>
    public static string RenderTooMany(string language)
    {
        var lang = PageLanguage.From(language);
        var w = new HtmlWriter();
        PageLayout.Begin(w, lang, PageLayout.Title(lang, lang.Pick("查询太频繁", "Too many lookups"), hasErrors: true), showLanguageSwitch: false, indexable: false);
        w.Raw("<div class=\"error-summary\" id=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" tabindex=\"-1\" autofocus>\n")
            .Raw("<h1 id=\"error-summary-title\">").Text(lang.Pick("查询太频繁", "Too many lookups")).Raw("</h1>\n")
            .Raw("<p>").Text(lang.Pick("请稍等一分钟再查询。", "Please wait a minute and look it up again.")).Raw("</p>\n</div>\n");
        WebFormPage.WriteStatusLookup(w, lang, ticketId: null);
        PageLayout.End(w, lang);
        return w.ToString();
    }

    /// <summary>The answer (503) when storage cannot be reached: nothing is wrong with what the caller asked.</summary>
    public static string RenderUnavailable(string language)
    {
        var lang = PageLanguage.From(language);
        var w = new HtmlWriter();
        PageLayout.Begin(w, lang, PageLayout.Title(lang, lang.Pick("暂时无法使用", "Briefly unavailable"), hasErrors: true), showLanguageSwitch: false, indexable: false);
        w.Raw("<div class=\"error-summary\" id=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" tabindex=\"-1\" autofocus>\n")
            .Raw("<h1 id=\"error-summary-title\">").Text(lang.Pick("系统暂时无法使用", "The service is briefly unavailable")).Raw("</h1>\n")
            .Raw("<p>").Text(lang.Pick("请稍等一分钟再试。", "Please wait a minute and try again.")).Raw("</p>\n</div>\n");
        WebFormPage.WriteStatusLookup(w, lang, ticketId: null);
        PageLayout.End(w, lang);
        return w.ToString();
    }

    private static string StatusName(string? status, PageLanguage lang) => status switch
    {
        CaseStatus.Received => lang.Pick("已受理，等待分派", "Received, being passed to a union unit"),
        CaseStatus.Assigned => lang.Pick("已分派，等待工作人员签收", "Assigned, waiting for an officer"),
        CaseStatus.Acknowledged => lang.Pick("正在办理", "Being handled"),
        CaseStatus.Resolved => lang.Pick("已办结", "Resolved"),
        CaseStatus.Closed => lang.Pick("已结案", "Closed"),
        _ => lang.Pick("处理中", "In progress"),
    };
}
