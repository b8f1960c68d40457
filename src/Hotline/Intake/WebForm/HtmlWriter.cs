using System.Net;
using System.Text;

namespace Hotline.Intake.WebForm;

/// <summary>
/// Appends markup. Everything that is not a literal of this folder goes through <see cref="Encode"/>, including
/// attribute values (it escapes both quote characters), so nothing a caller typed can become markup.
/// </summary>
internal sealed class HtmlWriter
{
    private readonly StringBuilder _html = new(capacity: 16 * 1024);

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public HtmlWriter Raw(string html)
    {
        _html.Append(html);
        return this;
    }

    public HtmlWriter Text(string? text)
    {
        _html.Append(Encode(text));
        return this;
    }

    public override string ToString() => _html.ToString();
}
