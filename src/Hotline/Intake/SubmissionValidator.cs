using System.Globalization;
using Hotline.Cases;
using Hotline.Sms.Phones;

namespace Hotline.Intake;

/// <summary>Checks every field and lists every problem at once, in the caller's language.</summary>
public static class SubmissionValidator
{
    private const int MaxNameLength = 50;
    private const int MaxEmployerLength = 200;
    private const int MaxAffectedCount = 1_000_000;

    public static (Submission? Submission, Dictionary<string, string[]> Errors) Validate(
        SubmissionFields fields, IntakeOptions options, string messageLanguage)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(options);
        var en = messageLanguage == "en";
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Error(string field, string zh, string english) => errors[field] = [en ? english : zh];

        foreach (var (field, message) in fields.TypeErrors)
        {
            errors[field] = [message];
        }

        var description = Clean(fields.Description);
        if (description is null && !errors.ContainsKey(SubmissionFields.DescriptionField))
        {
            Error(SubmissionFields.DescriptionField, "请描述您遇到的问题。", "Please describe the problem.");
        }
        else if (description is not null && description.Length > options.MaxDescriptionLength)
        {
            Error(SubmissionFields.DescriptionField,
                $"问题描述最多 {options.MaxDescriptionLength} 字。",
                $"The description may be at most {options.MaxDescriptionLength} characters.");
        }

        string? phone = null;
        var rawPhone = Clean(fields.Phone);
        if (rawPhone is not null && !PhoneNumber.TryNormalize(rawPhone, out phone))
        {
            Error(SubmissionFields.PhoneField,
                "请填写 11 位手机号码（或 +国家代码 的国际号码）。",
                "Enter an 11-digit Chinese mobile number or an international number starting with +.");
        }

        var name = Clean(fields.Name);
        if (name is not null && name.Length > MaxNameLength)
        {
            Error(SubmissionFields.NameField, $"姓名最多 {MaxNameLength} 字。", $"The name may be at most {MaxNameLength} characters.");
        }

        var region = Clean(fields.Region);
        if (region is not null && !IsRegionCode(region))
        {
            Error(SubmissionFields.RegionField, "地区代码应为 6 至 12 位数字。", "The region must be a code of 6 to 12 digits.");
        }

        var category = Clean(fields.Category);
        if (category is not null && !CaseCategory.IsKnown(category))
        {
            Error(SubmissionFields.CategoryField, "请选择列表中的问题类别。", "Choose one of the listed categories.");
        }

        var employer = Clean(fields.Employer);
        if (employer is not null && employer.Length > MaxEmployerLength)
        {
            Error(SubmissionFields.EmployerField, $"单位名称最多 {MaxEmployerLength} 字。", $"The employer may be at most {MaxEmployerLength} characters.");
        }

        int? affected = null;
        var rawAffected = Clean(fields.AffectedCount);
        if (rawAffected is not null)
        {
            if (int.TryParse(rawAffected, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= MaxAffectedCount)
            {
                affected = count;
            }
            else if (!errors.ContainsKey(SubmissionFields.AffectedCountField))
            {
                Error(SubmissionFields.AffectedCountField, "涉及人数应为正整数。", "The number of workers affected must be a whole number of at least 1.");
            }
        }

        var language = Clean(fields.Language);
        if (language is not null && language is not ("zh-CN" or "en"))
        {
            Error(SubmissionFields.LanguageField, "语言只能是 zh-CN 或 en。", "The language must be zh-CN or en.");
        }

        if (!IsConsent(fields.Consent) && !errors.ContainsKey(SubmissionFields.ConsentField))
        {
            Error(SubmissionFields.ConsentField,
                "请同意工会处理您的诉求并与您联系。",
                "Please agree that the union may process your report and contact you.");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new Submission(description!, phone, name, region, category, employer, affected, language ?? GuessLanguage(description!)), errors);
    }

    /// <summary>A caller who wrote in English gets English texts; everyone else Chinese.</summary>
    public static string GuessLanguage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var latin = 0;
        foreach (var c in text)
        {
            if (c is >= '\u3400' and <= '\u9fff')
            {
                return "zh-CN";
            }

            if (char.IsAsciiLetter(c))
            {
                latin++;
            }
        }

        return latin > 0 ? "en" : "zh-CN";
    }

    private static bool IsRegionCode(string region) =>
        region.Length is >= 6 and <= 12 && region.All(char.IsAsciiDigit);

    /// <summary>What counts as "yes" to consent: JSON true, a checked box ("on"), or "true"/"1" from a program.</summary>
    public static bool IsConsent(string? value) =>
        value is not null && (value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase)
            || value.Trim().Equals("on", StringComparison.OrdinalIgnoreCase)
            || value.Trim() == "1");

    private static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        // Control characters other than line breaks never belong in a report; they can break SMS and CSV output.
        var cleaned = new string(value.Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t').ToArray()).Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }
}
