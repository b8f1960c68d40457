using System.Globalization;
using Hotline.Cases;
using Hotline.Intake.WebForm;
using Hotline.Reports;
using Hotline.Routing.Directory;

namespace Hotline.AdminPage;

/// <summary>
/// The admin page: the report for a range and a unit as figures, charts and tables, the form to choose another, and
/// the ledger's link for the same choice. Every text that is not a literal here goes through
/// <see cref="HtmlWriter"/>'s encoding (unit names, the key, the dates a person typed).
/// </summary>
internal static class AdminReportPage
{
    public static string Render(CaseReport report, UnionDirectory directory, AdminLinks links)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lang = links.Language;
        var w = new HtmlWriter();
        var scope = report.Unit?.Name ?? lang.Pick("全部单位", "All units");
        Begin(w, links, lang.Pick("统计报表", "Report") + " · " + scope);
        w.Raw("<h1>").Text(lang.Pick("统计报表", "Report")).Raw("</h1>\n<p class=\"lede\">")
            .Text(lang.Pick($"{scope}，{report.From} 至 {report.To}（北京时间，含首尾两天）。", $"{scope}, {report.From} to {report.To} (China time, both days included)."))
            .Raw("</p>\n");
        Filters(w, directory, links, report.From, report.To, report.Unit?.Id);
        Figures(w, report, lang);

        w.Raw("<div class=\"grid\">\n");
        RatesChart(w, report, lang);
        w.Raw("<section class=\"card\" aria-labelledby=\"categories-heading\">\n<h2 id=\"categories-heading\">").Text(lang.Pick("按问题类别", "By type of problem")).Raw("</h2>\n");
        var categories = CategoryLabels.All
            .Select(c => (Label: lang.Pick(c.Chinese, c.English), Value: report.ByCategory.GetValueOrDefault(c.Code)))
            .Where(c => c.Value > 0)
            .OrderByDescending(c => c.Value)
            .ToList();
        SvgCharts.Bars(w, "categories", lang.Pick("各类别受理量", "Cases received by type of problem"), Describe(categories, lang), categories);
        w.Raw("</section>\n");
        w.Raw("<section class=\"card\" aria-labelledby=\"units-chart-heading\">\n<h2 id=\"units-chart-heading\">").Text(lang.Pick("按承办单位（含下级单位）", "By unit (sub-units included)")).Raw("</h2>\n");
        // The report's top units and the level below: deeper ones are in the table, a chart of hundreds is unreadable.
        var units = report.Units.Where(u => u.Depth <= 1).Select(u => (Label: Indent(u.Depth) + u.Name, Value: u.Received)).ToList();
        SvgCharts.Bars(w, "units", lang.Pick("各单位受理量（含下级单位）", "Cases received by unit, sub-units included"), Describe(units, lang), units);
        w.Raw("</section>\n</div>\n");

        UnitsTable(w, report, lang);
        w.Raw("<div class=\"grid\">\n");
        CountTable(w, "status", lang.Pick("按当前状态", "By status now"), AdminLabels.Statuses.Select(s => (AdminLabels.Status(s, lang), report.ByStatus.GetValueOrDefault(s))), lang);
        CountTable(w, "priority", lang.Pick("按紧急程度", "By priority"), AdminLabels.Priorities.Select(p => (AdminLabels.Priority(p, lang), report.ByPriority.GetValueOrDefault(p))), lang);
        CountTable(w, "channel", lang.Pick("按来源渠道", "By channel"), report.ByChannel.OrderByDescending(c => c.Value).Select(c => (AdminLabels.Channel(c.Key, lang), c.Value)), lang);
        w.Raw("</div>\n");
        OverdueTable(w, report, lang);

        w.Raw("<section class=\"card\" aria-labelledby=\"ledger-heading\">\n<h2 id=\"ledger-heading\">").Text(lang.Pick("台账", "Ledger")).Raw("</h2>\n<p>")
            .Raw($"<a class=\"download\" href=\"{HtmlWriter.Encode(links.Ledger())}\" download>")
            .Text(lang.Pick("下载本范围的台账（CSV，Excel/WPS 可打开）", "Download the ledger for this range (CSV, opens in Excel or WPS)")).Raw("</a></p>\n</section>\n");
        End(w, lang, report.GeneratedAt);
        return w.ToString();
    }

    /// <summary>The page for a range or unit it cannot show: what is wrong, and the form to put it right.</summary>
    public static string RenderProblems(IReadOnlyDictionary<string, string[]> errors, UnionDirectory directory, AdminLinks links, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var lang = links.Language;
        var w = new HtmlWriter();
        Begin(w, links, lang.Pick("错误：", "Error: ") + lang.Pick("统计报表", "Report"));
        w.Raw("<h1>").Text(lang.Pick("统计报表", "Report")).Raw("</h1>\n")
            .Raw("<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\">\n<h2 id=\"error-summary-title\">")
            .Text(lang.Pick("无法按所选范围生成报表", "This report cannot be shown for that choice")).Raw("</h2>\n<ul>\n");
        foreach (var field in errors.Keys.Order(StringComparer.Ordinal))
        {
            w.Raw($"<li><a href=\"#{HtmlWriter.Encode(field)}\">").Text(Problem(field, lang)).Raw("</a></li>\n");
        }

        w.Raw("</ul>\n</div>\n");
        Filters(w, directory, links, links.From, links.To, links.Unit);
        End(w, lang, ChinaTime.ToChina(now));
        return w.ToString();
    }

    private static string Problem(string field, PageLanguage lang) => field switch
    {
        ReportQuery.FromField => lang.Pick("开始日期有误：请按 yyyy-MM-dd 填写，且不晚于结束日期。", "Check the start date: yyyy-MM-dd, not after the end date."),
        ReportQuery.ToField => lang.Pick(
            $"结束日期有误：请按 yyyy-MM-dd 填写，范围最长 {ReportQuery.MaxDays} 天。",
            $"Check the end date: yyyy-MM-dd, at most {ReportQuery.MaxDays} days from the start."),
        ReportQuery.UnitField => lang.Pick("没有这个单位，请从列表中选择。", "There is no such unit: choose one from the list."),
        _ => field,
    };

    private static void Begin(HtmlWriter w, AdminLinks links, string title)
    {
        var lang = links.Language;
        var other = new PageLanguage(!lang.IsEnglish);
        w.Raw("<!DOCTYPE html>\n")
            .Raw($"<html lang=\"{lang.Code}\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            // The admin key rides in the page's links: never hand them to another site, never keep the page.
            .Raw("<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"robots\" content=\"noindex, nofollow\">\n")
            .Raw("<title>").Text(title + lang.Pick(" - 12351 职工服务热线", " - 12351 Workers' Service Hotline")).Raw("</title>\n")
            .Raw("<style>\n").Raw(AdminPageStyles.Css).Raw("\n</style>\n</head>\n<body>\n")
            .Raw("<a class=\"skip-link\" href=\"#main\">").Text(lang.Pick("跳到主要内容", "Skip to main content")).Raw("</a>\n")
            .Raw("<header class=\"masthead\">\n<div class=\"wrap\">\n<p class=\"brand\"><span class=\"brand-number\">12351</span>")
            .Text(lang.Pick("职工服务热线 · 管理", "Hotline admin")).Raw("</p>\n")
            .Raw($"<a href=\"{HtmlWriter.Encode(links.Page(other))}\" lang=\"{other.Code}\" hreflang=\"{other.Code}\">{(other.IsEnglish ? "English" : "中文")}</a>\n")
            .Raw("</div>\n</header>\n<main id=\"main\" class=\"wrap stack\" tabindex=\"-1\">\n");
    }

    private static void End(HtmlWriter w, PageLanguage lang, DateTimeOffset generatedAt) =>
        w.Raw("</main>\n<footer class=\"footer wrap\"><p>")
            .Text(lang.Pick("生成时间（北京时间）：", "Generated (China time): ") + generatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))
            .Raw("</p></footer>\n</body>\n</html>\n");

    private static void Filters(HtmlWriter w, UnionDirectory directory, AdminLinks links, string? from, string? to, string? unit)
    {
        var lang = links.Language;
        w.Raw("<form class=\"card filters\" method=\"get\" action=\"").Text(AdminLinks.PagePath).Raw("\">\n");
        if (links.Code is { Length: > 0 } code)
        {
            w.Raw($"<input type=\"hidden\" name=\"{AdminLinks.CodeField}\" value=\"").Text(code).Raw("\">\n");
        }

        if (lang.IsEnglish)
        {
            w.Raw($"<input type=\"hidden\" name=\"{AdminLinks.LanguageField}\" value=\"{PageLanguage.English}\">\n");
        }

        foreach (var (field, label, value) in new[] { (ReportQuery.FromField, lang.Pick("开始日期", "From"), from), (ReportQuery.ToField, lang.Pick("结束日期", "To"), to) })
        {
            w.Raw($"<div class=\"field\"><label for=\"{field}\">").Text(label).Raw("</label>")
                .Raw($"<input type=\"date\" id=\"{field}\" name=\"{field}\" value=\"").Text(value).Raw("\"></div>\n");
        }

        w.Raw($"<div class=\"field\"><label for=\"{ReportQuery.UnitField}\">").Text(lang.Pick("单位", "Unit")).Raw("</label>")
            .Raw($"<select id=\"{ReportQuery.UnitField}\" name=\"{ReportQuery.UnitField}\">\n<option value=\"\">").Text(lang.Pick("全部单位", "All units")).Raw("</option>\n");
        foreach (var u in OrgChart.Order(directory, directory.Units))
        {
            var selected = string.Equals(u.Id, unit, StringComparison.Ordinal) ? " selected" : "";
            w.Raw("<option value=\"").Text(u.Id).Raw($"\"{selected}>").Text(Indent(directory.DepthOf(u.Id)) + u.Name).Raw("</option>\n");
        }

        w.Raw("</select></div>\n<div><button type=\"submit\">").Text(lang.Pick("查看", "Show")).Raw("</button></div>\n</form>\n");
    }

    private static void Figures(HtmlWriter w, CaseReport report, PageLanguage lang)
    {
        w.Raw("<section class=\"card\" aria-labelledby=\"figures-heading\">\n<h2 id=\"figures-heading\">").Text(lang.Pick("总体情况", "Overview")).Raw("</h2>\n<dl class=\"kpis\">\n");
        void Figure(string id, string name, string value, string sub) =>
            w.Raw($"<div class=\"kpi\" id=\"kpi-{id}\"><dt>").Text(name).Raw("</dt><dd>").Text(value).Raw("<span class=\"sub\">").Text(sub).Raw("</span></dd></div>\n");
        Figure("received", lang.Pick("受理量", "Cases received"), N(report.Received), lang.Pick("件", "cases"));
        Figure("acknowledgement", AdminLabels.Acknowledgement(lang), SvgCharts.Percent(report.Rates.Acknowledgement),
            lang.Pick($"按时签收 {SvgCharts.Fraction(report.Rates.Acknowledgement)}，超时 {N(report.Rates.AcknowledgedLate)}", $"{SvgCharts.Fraction(report.Rates.Acknowledgement)} assignments in time, {N(report.Rates.AcknowledgedLate)} late"));
        Figure("resolution", AdminLabels.Resolution(lang), SvgCharts.Percent(report.Rates.Resolution),
            lang.Pick($"按期办结 {SvgCharts.Fraction(report.Rates.Resolution)}，超期 {N(report.Rates.ResolvedLate)}", $"{SvgCharts.Fraction(report.Rates.Resolution)} due cases in time, {N(report.Rates.ResolvedLate)} late"));
        Figure("satisfaction", AdminLabels.Satisfaction(lang), SvgCharts.Percent(report.Rates.Satisfaction),
            lang.Pick($"满意（3–5 分）{SvgCharts.Fraction(report.Rates.Satisfaction)} 份回访", $"{SvgCharts.Fraction(report.Rates.Satisfaction)} surveys rated 3–5"));
        Figure("reopened", lang.Pick("重办", "Reopened"), N(report.Reopened.Cases), lang.Pick($"件，共 {N(report.Reopened.Reopens)} 次", $"cases, {N(report.Reopened.Reopens)} reopens"));
        Figure("overdue", lang.Pick("当前超期", "Overdue now"), N(report.Overdue.Count), lang.Pick("件未签收或未办结", "cases past a due time"));
        w.Raw("</dl>\n</section>\n");
    }

    private static void RatesChart(HtmlWriter w, CaseReport report, PageLanguage lang)
    {
        var periods = RatePeriods.From(report);
        var byWeek = RatePeriods.ByWeek(report);
        var heading = byWeek ? lang.Pick("三率走势（按周）", "The three rates by week") : lang.Pick("三率走势（按日）", "The three rates by day");
        w.Raw("<section class=\"card\" aria-labelledby=\"rates-heading\">\n<h2 id=\"rates-heading\">").Text(heading).Raw("</h2>\n");
        var description = lang.Pick(
            $"全期响应率 {SvgCharts.Percent(report.Rates.Acknowledgement)}，解决率 {SvgCharts.Percent(report.Rates.Resolution)}，满意率 {SvgCharts.Percent(report.Rates.Satisfaction)}；无数据的时段不画点。各时段数值见下方数据表。",
            $"Over the range: acknowledged on time {SvgCharts.Percent(report.Rates.Acknowledgement)}, resolved on time {SvgCharts.Percent(report.Rates.Resolution)}, satisfied {SvgCharts.Percent(report.Rates.Satisfaction)}; periods with nothing to count have no point. The table below gives every value.");
        SvgCharts.Rates(w, "rates", heading, description, periods, lang);
        w.Raw("<details>\n<summary>").Text(lang.Pick("数据表", "Data table")).Raw("</summary>\n<div class=\"table-scroll\"><table>\n<thead><tr>")
            .Raw("<th scope=\"col\">").Text(byWeek ? lang.Pick("周", "Week") : lang.Pick("日期", "Date")).Raw("</th>");
        foreach (var series in SvgCharts.Series(lang))
        {
            w.Raw("<th scope=\"col\" class=\"num\">").Text(series.Name).Raw("</th>");
        }

        w.Raw("</tr></thead>\n<tbody>\n");
        foreach (var period in periods)
        {
            w.Raw("<tr><th scope=\"row\">").Text(period.Name).Raw("</th>");
            foreach (var series in SvgCharts.Series(lang))
            {
                var rate = series.Pick(period.Rates);
                w.Raw("<td class=\"num\">").Text($"{SvgCharts.Percent(rate)} ({SvgCharts.Fraction(rate)})").Raw("</td>");
            }

            w.Raw("</tr>\n");
        }

        w.Raw("</tbody></table></div>\n</details>\n</section>\n");
    }

    private static void UnitsTable(HtmlWriter w, CaseReport report, PageLanguage lang)
    {
        w.Raw("<section class=\"card\" aria-labelledby=\"units-heading\">\n<h2 id=\"units-heading\">").Text(lang.Pick("各单位情况（含下级单位）", "Units (sub-units included)")).Raw("</h2>\n")
            .Raw("<div class=\"table-scroll\"><table id=\"units-table\">\n<thead><tr>");
        foreach (var (name, numeric) in new[]
        {
            (lang.Pick("单位", "Unit"), false), (lang.Pick("受理量", "Received"), true), (AdminLabels.Acknowledgement(lang), true),
            (AdminLabels.Resolution(lang), true), (AdminLabels.Satisfaction(lang), true), (lang.Pick("重办次数", "Reopens"), true), (lang.Pick("当前超期", "Overdue now"), true),
        })
        {
            w.Raw(numeric ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">").Text(name).Raw("</th>");
        }

        w.Raw("</tr></thead>\n<tbody>\n");
        var shown = report.Units.Where(u => u.Depth == 0 || HasFigures(u)).ToList();
        foreach (var u in shown)
        {
            w.Raw($"<tr><th scope=\"row\" class=\"depth-{Math.Min(u.Depth, 3)}\">").Text(u.Name).Raw("</th>")
                .Raw("<td class=\"num\">").Text(N(u.Received)).Raw("</td>");
            foreach (var rate in new[] { u.Rates.Acknowledgement, u.Rates.Resolution, u.Rates.Satisfaction })
            {
                w.Raw("<td class=\"num\">").Text($"{SvgCharts.Percent(rate)} ({SvgCharts.Fraction(rate)})").Raw("</td>");
            }

            w.Raw("<td class=\"num\">").Text(N(u.Reopens)).Raw("</td><td class=\"num\">").Text(N(u.Overdue)).Raw("</td></tr>\n");
        }

        w.Raw("</tbody></table></div>\n");
        if (shown.Count < report.Units.Count)
        {
            var hidden = report.Units.Count - shown.Count;
            w.Raw("<p>").Text(lang.Pick($"另有 {N(hidden)} 个下级单位在本范围内没有数据，未列出。", $"{N(hidden)} more sub-units had nothing in this range and are not listed.")).Raw("</p>\n");
        }

        w.Raw("</section>\n");
    }

    private static bool HasFigures(UnitFigures u) =>
        u.Received > 0 || u.Overdue > 0 || u.Rates.Acknowledgement.Denominator > 0 || u.Rates.Resolution.Denominator > 0 || u.Rates.Satisfaction.Denominator > 0;

    private static void CountTable(HtmlWriter w, string id, string caption, IEnumerable<(string Label, long Count)> rows, PageLanguage lang)
    {
        w.Raw($"<section class=\"card\"><div class=\"table-scroll\"><table id=\"{id}-table\">\n<caption>").Text(caption).Raw("</caption>\n<thead><tr><th scope=\"col\">")
            .Text(lang.Pick("项目", "Item")).Raw("</th><th scope=\"col\" class=\"num\">").Text(lang.Pick("件数", "Cases")).Raw("</th></tr></thead>\n<tbody>\n");
        foreach (var (label, count) in rows)
        {
            w.Raw("<tr><th scope=\"row\">").Text(label).Raw("</th><td class=\"num\">").Text(N(count)).Raw("</td></tr>\n");
        }

        w.Raw("</tbody></table></div></section>\n");
    }

    private static void OverdueTable(HtmlWriter w, CaseReport report, PageLanguage lang)
    {
        var overdue = report.Overdue;
        w.Raw("<section class=\"card\" aria-labelledby=\"overdue-heading\">\n<h2 id=\"overdue-heading\">")
            .Text(lang.Pick($"当前超期工单（{N(overdue.Count)} 件）", $"Cases overdue now ({N(overdue.Count)})")).Raw("</h2>\n");
        if (overdue.Cases.Count == 0)
        {
            w.Raw("<p>").Text(lang.Pick("没有超期工单。", "No case is overdue.")).Raw("</p>\n</section>\n");
            return;
        }

        if (overdue.Count > overdue.Cases.Count)
        {
            w.Raw("<p>").Text(lang.Pick($"只列出到期最早的 {N(overdue.Cases.Count)} 件。", $"Only the {N(overdue.Cases.Count)} due earliest are listed.")).Raw("</p>\n");
        }

        w.Raw("<div class=\"table-scroll\"><table id=\"overdue-table\">\n<thead><tr>");
        foreach (var name in new[] { lang.Pick("工单号", "Ticket"), lang.Pick("承办单位", "Unit"), lang.Pick("类别", "Type"), lang.Pick("紧急程度", "Priority"), lang.Pick("超期事项", "Overdue"), lang.Pick("到期时间", "Due") })
        {
            w.Raw("<th scope=\"col\">").Text(name).Raw("</th>");
        }

        w.Raw("</tr></thead>\n<tbody>\n");
        foreach (var c in overdue.Cases)
        {
            w.Raw("<tr><th scope=\"row\">").Text(c.TicketId).Raw("</th><td>").Text(c.UnitName ?? c.UnitId).Raw("</td><td>")
                .Text(CategoryLabels.Name(c.Category, lang)).Raw("</td><td>").Text(AdminLabels.Priority(c.Priority, lang)).Raw("</td><td>")
                .Text(AdminLabels.Overdue(c.Overdue, lang)).Raw("</td><td>").Text(c.DueAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Raw("</td></tr>\n");
        }

        w.Raw("</tbody></table></div>\n</section>\n");
    }

    private static string Describe(List<(string Label, long Value)> bars, PageLanguage lang) =>
        bars.Count == 0
            ? lang.Pick("本范围内没有受理工单。", "No cases were received in this range.")
            : string.Join(lang.Pick("；", "; "), bars.Select(b => $"{b.Label.Trim()} {N(b.Value)}"));

    /// <summary>Sub-units indented in the chart and the unit list (ideographic spaces keep CJK names aligned).</summary>
    private static string Indent(int depth) => new('\u3000', Math.Min(depth, 4));

    private static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
