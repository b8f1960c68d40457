using System.Text;
using Hotline.Intake.WebForm;
using Hotline.Reports;

namespace Hotline.AdminPage;

/// <summary>
/// The page's own address with its choices (range, unit, language) and the admin key a browser brought as
/// <c>?code=</c>, so every link and the form keep the person signed in. Values are URL-encoded here and
/// HTML-encoded where they are written.
/// </summary>
internal sealed record AdminLinks(string? Code, string? From, string? To, string? Unit, PageLanguage Language)
{
    public const string PagePath = "/api/admin/dashboard";
    public const string LedgerPath = "/api/admin/ledger.csv";
    public const string CodeField = "code";
    public const string LanguageField = "lang";

    public string Page(PageLanguage language) => PagePath + Query(includeLanguage: true, language);

    public string Ledger() => LedgerPath + Query(includeLanguage: false, Language);

    private string Query(bool includeLanguage, PageLanguage language)
    {
        var query = new StringBuilder();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        Add(ReportQuery.FromField, From);
        Add(ReportQuery.ToField, To);
        Add(ReportQuery.UnitField, Unit);
        if (includeLanguage && language.IsEnglish)
        {
            Add(LanguageField, PageLanguage.English);
        }

        Add(CodeField, Code);
        return query.ToString();
    }
}
