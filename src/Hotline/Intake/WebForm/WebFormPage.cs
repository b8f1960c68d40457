using System.Globalization;

namespace Hotline.Intake.WebForm;

/// <summary>
/// The report form at <c>GET /</c>, and the same form shown again with the caller's input and the problems after a
/// rejected form post (400). Plain HTML: it works without JavaScript, posts
/// <c>application/x-www-form-urlencoded</c> to <see cref="Action"/>, and follows the error pattern screen readers
/// know (an error summary that takes focus, each message tied to its field with <c>aria-describedby</c>).
/// </summary>
public static class WebFormPage
{
    public const string Action = "/api/submissions";

    /// <summary>Default for <see cref="WebFormModel"/>s that do not say otherwise; the spec's limit.</summary>
    public const int DescriptionMaxLength = 4000;

    // Form order: the error summary lists problems in the order the fields appear.
    private static readonly string[] FieldOrder =
    [
        SubmissionFields.DescriptionField, SubmissionFields.CategoryField, SubmissionFields.AffectedCountField,
        SubmissionFields.EmployerField, SubmissionFields.RegionField,
        SubmissionFields.PhoneField, SubmissionFields.NameField,
        SubmissionFields.ConsentField, SubmissionFields.LanguageField,
    ];

    /// <summary>The query parameter that picks the page language: <c>/?lang=en</c>; anything else is Chinese.</summary>
    public const string LanguageQuery = "lang";

    public static string Render(WebFormModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var language = PageLanguage.From(model.Language);
        var values = model.Values ?? new SubmissionFields();
        var errors = model.Errors;
        var w = new HtmlWriter();

        PageLayout.Begin(w, language, PageLayout.Title(language, language.Pick("反映问题", "Report a problem at work"), errors.Count > 0), showLanguageSwitch: true, indexable: true);

        w.Raw("<h1>").Text(language.Pick("向工会反映问题", "Report a problem at work")).Raw("</h1>\n")
            .Raw("<p class=\"lead\">").Text(language.Pick(
                "欠薪、劳动合同、社保、工伤、生活困难……告诉我们发生了什么，工会会安排负责的同志跟进处理。",
                "Unpaid wages, contracts, social insurance, injuries, hardship: tell us what happened and the trade union will have the people responsible follow it up."))
            .Raw("</p>\n");

        if (errors.Count > 0)
        {
            WriteErrorSummary(w, language, errors);
        }

        w.Raw($"<form class=\"card\" method=\"post\" action=\"{Action}\" accept-charset=\"UTF-8\" novalidate>\n")
            .Raw($"<input type=\"hidden\" name=\"{SubmissionFields.LanguageField}\" value=\"{language.Code}\">\n");

        // 1. The problem.
        w.Raw("<fieldset>\n<legend>").Text(language.Pick("您遇到的问题", "Your problem")).Raw("</legend>\n");
        var maxLength = model.DescriptionMaxLength.ToString(CultureInfo.InvariantCulture);
        BeginField(w, language, errors, SubmissionFields.DescriptionField,
            language.Pick("发生了什么？", "What happened?"), Required(language),
            language.Pick(
                $"请写明发生了什么、什么时间、在哪里、涉及多少人，以及希望工会提供什么帮助。最多 {maxLength} 字。",
                $"Say what happened, when and where, how many workers it affects and what help you want from the union. Up to {maxLength} characters."));
        w.Raw($"<textarea id=\"{SubmissionFields.DescriptionField}\" name=\"{SubmissionFields.DescriptionField}\" rows=\"8\" maxlength=\"{maxLength}\" required")
            .Raw(Describe(SubmissionFields.DescriptionField, hasHint: true, errors)).Raw(">")
            .Text(values.Description).Raw("</textarea>\n");
        EndField(w);

        BeginField(w, language, errors, SubmissionFields.CategoryField,
            language.Pick("问题类别", "Type of problem"), Optional(language),
            language.Pick("不确定可以不选，我们会根据您的描述分类。", "If you are not sure, leave it: we will sort it from your description."));
        w.Raw($"<select id=\"{SubmissionFields.CategoryField}\" name=\"{SubmissionFields.CategoryField}\"")
            .Raw(Describe(SubmissionFields.CategoryField, hasHint: true, errors)).Raw(">\n");
        Option(w, string.Empty, language.Pick("不确定 / 暂不选择", "Not sure"), values.Category);
        foreach (var (code, chinese, english) in CategoryLabels.All)
        {
            Option(w, code, language.Pick(chinese, english), values.Category);
        }

        w.Raw("</select>\n");
        EndField(w);

        BeginField(w, language, errors, SubmissionFields.AffectedCountField,
            language.Pick("涉及多少名职工？", "How many workers are affected?"), Optional(language),
            language.Pick("填写大概人数即可。", "A rough number is fine."));
        // A text field with a numeric keyboard: type=number would change the value on scroll and drops what it cannot parse.
        Input(w, SubmissionFields.AffectedCountField, "text", values.AffectedCount, errors,
            " inputmode=\"numeric\" pattern=\"[0-9]*\" maxlength=\"7\" autocomplete=\"off\" class=\"input-short\"");
        EndField(w);
        w.Raw("</fieldset>\n");

        // 2. Where.
        w.Raw("<fieldset>\n<legend>").Text(language.Pick("单位和地点", "Where it happened")).Raw("</legend>\n");
        BeginField(w, language, errors, SubmissionFields.EmployerField,
            language.Pick("用人单位或工作地点", "Employer or workplace"), Optional(language),
            language.Pick("公司名称、工地或项目名称，便于找到责任单位。", "Company, site or project name, so we can find who is responsible."));
        Input(w, SubmissionFields.EmployerField, "text", values.Employer, errors, " maxlength=\"200\" autocomplete=\"organization\"");
        EndField(w);

        BeginField(w, language, errors, SubmissionFields.RegionField,
            language.Pick("工作地点所在地区", "Where is the workplace?"), Optional(language),
            language.Pick("尽量选到区县或乡镇（街道），由当地工会就近处理。", "Choose the county, district or township if you can, so the nearest union handles it."));
        WriteRegionSelect(w, language, model.Regions, values.Region, errors);
        EndField(w);
        w.Raw("</fieldset>\n");

        // 3. Contact.
        w.Raw("<fieldset>\n<legend>").Text(language.Pick("联系方式", "How we contact you")).Raw("</legend>\n");
        BeginField(w, language, errors, SubmissionFields.PhoneField,
            language.Pick("手机号码", "Mobile number"), (language.Pick("（接收短信需填写）", "(needed for text updates)"), false),
            language.Pick(
                "用于接收受理短信和办理进度。请填写 11 位手机号，或以 + 开头的国际号码。不填写则无法短信通知您。",
                "For the text confirming your report and for updates: an 11-digit Chinese mobile, or an international number starting with +. Without it we cannot text you."));
        Input(w, SubmissionFields.PhoneField, "tel", values.Phone, errors, " inputmode=\"tel\" autocomplete=\"tel\" maxlength=\"20\" class=\"input-short\"");
        EndField(w);

        BeginField(w, language, errors, SubmissionFields.NameField,
            language.Pick("您的姓名", "Your name"), Optional(language),
            language.Pick("可以不填，或只填姓氏。", "You may leave it blank or give your family name only."));
        Input(w, SubmissionFields.NameField, "text", values.Name, errors, " maxlength=\"50\" autocomplete=\"name\"");
        EndField(w);
        w.Raw("</fieldset>\n");

        // 4. Consent.
        w.Raw("<fieldset>\n<legend>").Text(language.Pick("同意", "Consent")).Raw("</legend>\n");
        var consentError = errors.ContainsKey(SubmissionFields.ConsentField);
        w.Raw(consentError ? "<div class=\"field field-has-error\">\n" : "<div class=\"field\">\n");
        WriteFieldError(w, language, errors, SubmissionFields.ConsentField);
        var consentChecked = SubmissionValidator.IsConsent(values.Consent) ? " checked" : string.Empty;
        w.Raw("<div class=\"checkbox\">\n")
            .Raw($"<input type=\"checkbox\" id=\"{SubmissionFields.ConsentField}\" name=\"{SubmissionFields.ConsentField}\" value=\"true\" required{consentChecked}")
            .Raw(Describe(SubmissionFields.ConsentField, hasHint: false, errors)).Raw(">\n")
            .Raw($"<label for=\"{SubmissionFields.ConsentField}\">")
            .Text(language.Pick(
                "我同意工会处理我反映的问题，并通过我留下的联系方式与我联系。",
                "I agree that the trade union may process this report and contact me about it."))
            .Raw(" <span class=\"tag tag-required\">").Text(language.Pick("（必选）", "(required)")).Raw("</span></label>\n")
            .Raw("</div>\n</div>\n</fieldset>\n");

        w.Raw("<button type=\"submit\" class=\"button\">").Text(language.Pick("提交", "Send report")).Raw("</button>\n")
            .Raw("</form>\n");

        WriteStatusLookup(w, language);
        PageLayout.End(w, language);
        return w.ToString();
    }

    /// <summary>The small status form; also used by the status page when a lookup found nothing.</summary>
    internal static void WriteStatusLookup(HtmlWriter w, PageLanguage language, string? ticketId = null)
    {
        w.Raw("<section class=\"card\" aria-labelledby=\"lookup-heading\">\n")
            .Raw("<h2 id=\"lookup-heading\">").Text(language.Pick("查询办理进度", "Check progress")).Raw("</h2>\n")
            .Raw("<p>").Text(language.Pick(
                "提交后您会得到工单号和查询码，凭这两项可以随时查询。",
                "When you send a report you get a ticket number and a tracking code. Use both to check progress at any time."))
            .Raw("</p>\n")
            .Raw($"<form method=\"get\" action=\"{StatusPage.LookupPath}\">\n")
            .Raw($"<input type=\"hidden\" name=\"{StatusPage.LanguageField}\" value=\"{language.Code}\">\n")
            .Raw("<div class=\"lookup-fields\">\n")
            .Raw("<div class=\"field\">\n<label for=\"lookup-ticket\">").Text(language.Pick("工单号", "Ticket number")).Raw("</label>\n")
            .Raw($"<input type=\"text\" id=\"lookup-ticket\" name=\"{StatusPage.TicketIdField}\" value=\"{HtmlWriter.Encode(ticketId)}\" class=\"input-code\" maxlength=\"20\" autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\">\n")
            .Raw("</div>\n")
            .Raw("<div class=\"field\">\n<label for=\"lookup-code\">").Text(language.Pick("查询码", "Tracking code")).Raw("</label>\n")
            .Raw($"<input type=\"text\" id=\"lookup-code\" name=\"{StatusPage.CodeField}\" class=\"input-code\" maxlength=\"32\" autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\">\n")
            .Raw("</div>\n</div>\n")
            .Raw("<button type=\"submit\" class=\"button button-secondary\">").Text(language.Pick("查询", "Check")).Raw("</button>\n")
            .Raw("</form>\n</section>\n");
    }

    private static void WriteErrorSummary(HtmlWriter w, PageLanguage language, IReadOnlyDictionary<string, string[]> errors)
    {
        // autofocus moves focus here on load without script; role=alert makes screen readers read it out.
        w.Raw("<div class=\"error-summary\" id=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" tabindex=\"-1\" autofocus>\n")
            .Raw("<h2 id=\"error-summary-title\">").Text(language.Pick("请先修改以下问题，再提交", "There is a problem: please fix it and send again")).Raw("</h2>\n<ul>\n");
        var ordered = FieldOrder.Where(errors.ContainsKey)
            .Concat(errors.Keys.Where(k => !FieldOrder.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal));
        foreach (var field in ordered)
        {
            var linked = HasControl(field);
            foreach (var message in errors[field])
            {
                w.Raw("<li>");
                if (linked)
                {
                    w.Raw($"<a href=\"#{field}\">").Text(message).Raw("</a>");
                }
                else
                {
                    w.Text(message);
                }

                w.Raw("</li>\n");
            }
        }

        w.Raw("</ul>\n</div>\n");
    }

    private static bool HasControl(string field) =>
        field != SubmissionFields.LanguageField && FieldOrder.Contains(field, StringComparer.Ordinal);

    private static (string Text, bool Emphasis) Required(PageLanguage language) => (language.Pick("（必填）", "(required)"), true);

    private static (string Text, bool Emphasis) Optional(PageLanguage language) => (language.Pick("（选填）", "(optional)"), false);

    /// <summary>Opens a field: label with its required/optional tag, hint, and the error message when there is one.</summary>
    private static void BeginField(HtmlWriter w, PageLanguage language, IReadOnlyDictionary<string, string[]> errors, string field, string label, (string Text, bool Emphasis) tag, string hint)
    {
        w.Raw(errors.ContainsKey(field) ? "<div class=\"field field-has-error\">\n" : "<div class=\"field\">\n")
            .Raw($"<label for=\"{field}\">").Text(label)
            .Raw(tag.Emphasis ? " <span class=\"tag tag-required\">" : " <span class=\"tag\">").Text(tag.Text).Raw("</span></label>\n")
            .Raw($"<span class=\"hint\" id=\"{field}-hint\">").Text(hint).Raw("</span>\n");
        WriteFieldError(w, language, errors, field);
    }

    private static void EndField(HtmlWriter w) => w.Raw("</div>\n");

    private static void WriteFieldError(HtmlWriter w, PageLanguage language, IReadOnlyDictionary<string, string[]> errors, string field)
    {
        if (!errors.TryGetValue(field, out var messages) || messages.Length == 0)
        {
            return;
        }

        w.Raw($"<p class=\"field-error\" id=\"{field}-error\"><span class=\"visually-hidden\">")
            .Text(language.Pick("错误：", "Error: ")).Raw("</span>")
            .Text(string.Join(" ", messages)).Raw("</p>\n");
    }

    /// <summary>aria-describedby (hint first, then the error) and aria-invalid for a control.</summary>
    private static string Describe(string field, bool hasHint, IReadOnlyDictionary<string, string[]> errors)
    {
        var hasError = errors.TryGetValue(field, out var messages) && messages.Length > 0;
        var ids = (hasHint, hasError) switch
        {
            (true, true) => $"{field}-hint {field}-error",
            (true, false) => $"{field}-hint",
            (false, true) => $"{field}-error",
            _ => null,
        };
        return (ids is null ? string.Empty : $" aria-describedby=\"{ids}\"") + (hasError ? " aria-invalid=\"true\"" : string.Empty);
    }

    private static void Input(HtmlWriter w, string field, string type, string? value, IReadOnlyDictionary<string, string[]> errors, string extraAttributes)
    {
        w.Raw($"<input type=\"{type}\" id=\"{field}\" name=\"{field}\" value=\"{HtmlWriter.Encode(value)}\"{extraAttributes}")
            .Raw(Describe(field, hasHint: true, errors)).Raw(">\n");
    }

    private static void Option(HtmlWriter w, string value, string text, string? selectedValue)
    {
        var selected = string.Equals(value, selectedValue?.Trim() ?? string.Empty, StringComparison.Ordinal) ? " selected" : string.Empty;
        w.Raw($"<option value=\"{HtmlWriter.Encode(value)}\"{selected}>").Text(text).Raw("</option>\n");
    }

    private static void WriteRegionSelect(HtmlWriter w, PageLanguage language, IReadOnlyList<RegionOption> regions, string? selected, IReadOnlyDictionary<string, string[]> errors)
    {
        w.Raw($"<select id=\"{SubmissionFields.RegionField}\" name=\"{SubmissionFields.RegionField}\"")
            .Raw(Describe(SubmissionFields.RegionField, hasHint: true, errors)).Raw(">\n");
        Option(w, string.Empty, language.Pick("不清楚", "Not sure"), selected);
        var selectedCode = selected?.Trim();
        var listed = false;
        foreach (var region in regions)
        {
            // Options cannot be styled reliably on phones; no-break spaces show the tree in every browser.
            var indent = new string('\u00A0', Math.Clamp(region.Depth, 0, 6) * 3);
            Option(w, region.Code, indent + (language.IsEnglish ? region.NameEn ?? region.Name : region.Name), selectedCode);
            listed |= string.Equals(region.Code, selectedCode, StringComparison.Ordinal);
        }

        if (!listed && !string.IsNullOrEmpty(selectedCode))
        {
            // Keep what was sent (an API client's code, or a region since removed) rather than silently dropping it.
            Option(w, selectedCode, selectedCode, selectedCode);
        }

        w.Raw("</select>\n");
    }
}
