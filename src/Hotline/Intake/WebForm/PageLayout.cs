namespace Hotline.Intake.WebForm;

/// <summary>The frame every caller page shares: head, skip link, masthead with the language switch, footer.</summary>
internal static class PageLayout
{
    public const string FormPath = "/";

    /// <param name="writer">Where the page goes.</param>
    /// <param name="language">The page language.</param>
    /// <param name="title">Document title (already prefixed with "Error:" when the page reports errors).</param>
    /// <param name="showLanguageSwitch">Only the form offers the switch: the other pages answer a post or a lookup.</param>
    /// <param name="indexable">Pages with a ticket or a status are kept out of search engines.</param>
    public static void Begin(HtmlWriter writer, PageLanguage language, string title, bool showLanguageSwitch, bool indexable)
    {
        writer.Raw("<!DOCTYPE html>\n")
            .Raw($"<html lang=\"{language.Code}\">\n<head>\n")
            .Raw("<meta charset=\"utf-8\">\n")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            // Status links carry the tracking code in the query: never hand them to another site.
            .Raw("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Raw("<meta name=\"format-detection\" content=\"telephone=no\">\n");
        if (!indexable)
        {
            writer.Raw("<meta name=\"robots\" content=\"noindex, nofollow\">\n");
        }

        writer.Raw("<title>").Text(title).Raw("</title>\n")
            .Raw($"<link rel=\"stylesheet\" href=\"{HtmlWriter.Encode(WebFormStyles.Href)}\">\n")
            .Raw("</head>\n<body>\n")
            .Raw("<a class=\"skip-link\" href=\"#main\">").Text(language.Pick("跳到主要内容", "Skip to main content")).Raw("</a>\n")
            .Raw("<header class=\"masthead\">\n<div class=\"wrap\">\n")
            .Raw("<p class=\"brand\"><span class=\"brand-number\">12351</span>")
            .Text(language.Pick("职工服务热线", "Workers' Service Hotline")).Raw("</p>\n");
        if (showLanguageSwitch)
        {
            // The link is in the language it leads to, so a screen reader pronounces it right.
            var (href, code, label) = language.IsEnglish
                ? ($"{FormPath}?{WebFormPage.LanguageQuery}={PageLanguage.Chinese}", PageLanguage.Chinese, "中文")
                : ($"{FormPath}?{WebFormPage.LanguageQuery}={PageLanguage.English}", PageLanguage.English, "English");
            writer.Raw($"<a href=\"{HtmlWriter.Encode(href)}\" lang=\"{code}\" hreflang=\"{code}\">{label}</a>\n");
        }

        writer.Raw("</div>\n</header>\n")
            .Raw("<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n");
    }

    public static void End(HtmlWriter writer, PageLanguage language)
    {
        writer.Raw("</main>\n<footer class=\"footer wrap\">\n<p>")
            .Text(language.Pick(
                "遇到人身危险，请立即拨打 110（报警）或 120（急救）。",
                "If anyone is in danger, call 110 (police) or 120 (ambulance) now."))
            .Raw("</p>\n<p>")
            .Text(language.Pick(
                "工会职工服务热线 12351：维权、帮扶、咨询。您的信息只用于处理您反映的问题。",
                "Trade union workers' hotline 12351: rights, hardship aid and advice. Your details are used only to handle your report."))
            .Raw("</p>\n</footer>\n</body>\n</html>\n");
    }

    public static string Title(PageLanguage language, string page, bool hasErrors) =>
        (hasErrors ? language.Pick("错误：", "Error: ") : string.Empty)
        + page + language.Pick(" - 12351 职工服务热线", " - 12351 Workers' Service Hotline");

    /// <summary>The form's address in a language: the Chinese form is the plain root.</summary>
    public static string FormHref(PageLanguage language) =>
        language.IsEnglish ? $"{FormPath}?{WebFormPage.LanguageQuery}={PageLanguage.English}" : FormPath;
}
