namespace Hotline.Intake.WebForm;

/// <summary>
/// The answer to a form post that was accepted (202): the ticket id and the tracking code, large and easy to copy,
/// what happens next, and where to check progress.
/// </summary>
public static class SubmissionAcceptedPage
{
    /// <param name="language">"zh-CN" or "en" (anything else is Chinese).</param>
    /// <param name="ticketId">The case's ticket id.</param>
    /// <param name="trackingCode">The code that, with the ticket id, opens the status page (the receipt SMS carries it too).</param>
    /// <param name="merged">The report was added to the caller's open case of the same kind (重复诉求并单).</param>
    public static string Render(string language, string ticketId, string trackingCode, bool merged)
    {
        ArgumentNullException.ThrowIfNull(ticketId);
        ArgumentNullException.ThrowIfNull(trackingCode);
        var lang = PageLanguage.From(language);
        var w = new HtmlWriter();
        var heading = merged
            ? lang.Pick("已补充到您之前的工单", "Added to your earlier report")
            : lang.Pick("已收到您反映的问题", "We have your report");

        PageLayout.Begin(w, lang, PageLayout.Title(lang, heading, hasErrors: false), showLanguageSwitch: false, indexable: false);

        w.Raw("<div class=\"card success\">\n")
            .Raw("<h1>").Text(heading).Raw("</h1>\n")
            .Raw("<p class=\"lead\">").Text(merged
                ? lang.Pick(
                    "您近期就同类问题反映过，且该工单仍在办理中。本次内容已补充到原工单，由同一位工作人员一并处理，不会重复派单。",
                    "You reported the same kind of problem recently and that case is still open, so we added this report to it. The same person will handle both.")
                : lang.Pick(
                    "您的诉求已登记。请记下下面的工单号和查询码。",
                    "Your report is recorded. Please note the ticket number and tracking code below."))
            .Raw("</p>\n");

        if (merged)
        {
            // Anyone can type a phone number into the form: the existing case's ticket goes only to that phone.
            w.Raw("<p class=\"notice\">").Text(lang.Pick(
                    "原工单号已通过短信发送到您留的手机号，请用原工单号和原查询码查询办理进度。",
                    "The ticket number of that case has been texted to the mobile number you gave; use it with its tracking code to check progress."))
                .Raw("</p>\n</div>\n")
                .Raw($"<p><a href=\"{HtmlWriter.Encode(PageLayout.FormHref(lang))}\">")
                .Text(lang.Pick("反映另一个问题", "Report another problem")).Raw("</a></p>\n");
            PageLayout.End(w, lang);
            return w.ToString();
        }

        w.Raw("<dl class=\"ticket\">\n")
            .Raw("<div>\n<dt>").Text(lang.Pick("工单号", "Ticket number")).Raw("</dt>\n")
            .Raw("<dd><code class=\"code-big\" id=\"ticket-id\">").Text(ticketId).Raw("</code></dd>\n</div>\n")
            .Raw("<div>\n<dt>").Text(lang.Pick("查询码", "Tracking code")).Raw("</dt>\n")
            .Raw("<dd><code class=\"code-big\" id=\"tracking-code\">").Text(trackingCode).Raw("</code></dd>\n</div>\n")
            .Raw("</dl>\n");

        w.Raw("<p class=\"notice\"><strong>").Text(lang.Pick("请截图或抄下工单号和查询码。", "Take a screenshot or write both down."))
            .Raw("</strong> ")
            .Text(lang.Pick(
                "凭工单号和查询码才能查看办理进度。如果您留了手机号，受理短信里也有这两项。",
                "You need both to see progress. If you gave a mobile number, the text message we send you has them too."))
            .Raw("</p>\n</div>\n");

        w.Raw("<section class=\"card\" aria-labelledby=\"next-heading\">\n")
            .Raw("<h2 id=\"next-heading\">").Text(lang.Pick("接下来会怎样", "What happens next")).Raw("</h2>\n")
            .Raw("<ol class=\"steps\">\n<li>")
            .Text(lang.Pick(
                "如果您留了手机号，很快会收到一条受理短信，里面有工单号、查询码和查询链接。",
                "If you gave a mobile number, you will soon get a text message with the ticket number, the tracking code and a progress link."))
            .Raw("</li>\n<li>")
            .Text(lang.Pick(
                "我们把诉求转给负责您所在地区和问题的工会，工作人员会通过电话或短信与您联系。",
                "We pass the report to the union responsible for your area and problem. Someone from that union will contact you by phone or text."))
            .Raw("</li>\n<li>")
            .Text(lang.Pick(
                "办理结果会短信告诉您；办结后我们会请您评价是否满意（回访）。",
                "We text you the outcome, and afterwards ask whether you are satisfied with how it was handled."))
            .Raw("</li>\n</ol>\n</section>\n");

        w.Raw("<section class=\"card\" aria-labelledby=\"progress-heading\">\n")
            .Raw("<h2 id=\"progress-heading\">").Text(lang.Pick("查询办理进度", "Check progress")).Raw("</h2>\n");
        // The page, not the JSON API: this link is opened on the caller's phone.
        w.Raw($"<p><a class=\"button\" id=\"status-link\" href=\"{HtmlWriter.Encode(StatusPage.Href(ticketId, trackingCode, lang.Code))}\">")
            .Text(lang.Pick("查看办理进度", "See progress")).Raw("</a></p>\n");

        w.Raw("<p>").Text(lang.Pick(
                $"也可以发送短信“查询 {ticketId}”到本热线号码。",
                $"You can also text \"STATUS {ticketId}\" to the hotline number."))
            .Raw("</p>\n")
            .Raw($"<p><a href=\"{HtmlWriter.Encode(PageLayout.FormHref(lang))}\">")
            .Text(lang.Pick("反映另一个问题", "Report another problem")).Raw("</a></p>\n")
            .Raw("</section>\n");

        PageLayout.End(w, lang);
        return w.ToString();
    }
}
