using System.Globalization;
using System.Text;

namespace Hotline.Sms.Templates;

/// <summary>
/// Renders catalogue templates and fits them to a segment budget. Only parameters the catalogue marks as
/// shortenable (free text such as a summary or a note) are cut, with an ellipsis, and never in the middle of
/// a number or word; ticket ids, tracking codes, URLs and times always go out whole.
/// </summary>
public sealed class SmsComposer
{
    public const int DefaultSegmentBudget = 3;

    // A cut that would fall inside a longer run of ASCII is inside a URL or code, not a word: cut there rather than lose the whole value.
    private const int MaxTokenBackoff = 24;

    public SmsComposer(SmsTemplateCatalog catalog, int segmentBudget = DefaultSegmentBudget)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentBudget, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(segmentBudget, SmsOptions.MaxSegmentBudget);
        Catalog = catalog;
        SegmentBudget = segmentBudget;
    }

    /// <summary>The shipped catalogue with the default budget of <see cref="DefaultSegmentBudget"/> segments.</summary>
    public static SmsComposer Default { get; } = new(SmsTemplateCatalog.Default);

    public SmsTemplateCatalog Catalog { get; }

    public int SegmentBudget { get; }

    /// <summary>Renders <paramref name="templateName"/> in <paramref name="language"/> (normalized by <see cref="SmsLanguage.Normalize"/>).</summary>
    /// <exception cref="SmsCompositionException">
    /// Unknown template, a parameter missing or not declared by the template, or a text that cannot fit the budget even with every shortenable value cut.
    /// </exception>
    public ComposedSms Compose(string templateName, string? language, IReadOnlyDictionary<string, string> args)
    {
        ArgumentNullException.ThrowIfNull(templateName);
        ArgumentNullException.ThrowIfNull(args);
        var template = Catalog.Get(templateName);
        var lang = SmsLanguage.Normalize(language);

        var declared = template.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var unexpected = args.Keys.Where(k => !declared.Contains(k)).ToList();
        if (unexpected.Count > 0)
        {
            throw new SmsCompositionException($"Template '{templateName}' has no parameter(s) {string.Join(", ", unexpected)}.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in template.Parameters)
        {
            var value = args.TryGetValue(parameter.Name, out var v) && v is not null ? Clean(v) : null;
            if (value is null || (value.Length == 0 && !parameter.Shortenable))
            {
                throw new SmsCompositionException($"Template '{templateName}' needs parameter '{parameter.Name}'.");
            }

            values[parameter.Name] = parameter.Lookup is null ? value : Catalog.Translate(parameter.Lookup, lang, value);
        }

        var body = template.Render(lang, values);
        var info = SmsSegments.Analyze(body);
        if (Fits(info, body))
        {
            return new ComposedSms(template.Name, lang, body, info.Segments, info.Encoding, Shortened: false);
        }

        return Shorten(template, lang, values, info.Encoding);
    }

    private ComposedSms Shorten(SmsTemplate template, string lang, Dictionary<string, string> values, SmsEncoding encoding)
    {
        var shortenable = template.Parameters.Where(p => p.Shortenable && values[p.Name].Length > 0).Select(p => p.Name).ToList();
        var ellipsis = encoding == SmsEncoding.Gsm7 ? "..." : "…";

        // Water-filling: cap every shortenable value at the same length, so the longest (usually the summary)
        // loses most, and find the largest cap that fits by binary search.
        var longest = shortenable.Count == 0 ? 0 : shortenable.Max(n => TextElements(values[n]));
        var low = 0;
        var high = longest - 1;
        string? best = null;
        while (low <= high)
        {
            var cap = low + ((high - low) / 2);
            var candidate = RenderCapped(template, lang, values, shortenable, cap, ellipsis);
            if (Fits(SmsSegments.Analyze(candidate), candidate))
            {
                best = candidate;
                low = cap + 1;
            }
            else
            {
                high = cap - 1;
            }
        }

        if (best is null)
        {
            throw new SmsCompositionException(
                $"Template '{template.Name}' ({lang}) does not fit {SegmentBudget} segment(s) even with its shortenable parameters cut.");
        }

        var info = SmsSegments.Analyze(best);
        return new ComposedSms(template.Name, lang, best, info.Segments, info.Encoding, Shortened: true);
    }

    private bool Fits(SmsSegmentInfo info, string body) =>
        info.Segments <= SegmentBudget && body.Length <= SmsSegments.MaxBodyLength;

    private static string RenderCapped(
        SmsTemplate template, string lang, Dictionary<string, string> values, List<string> shortenable, int cap, string ellipsis)
    {
        var capped = new Dictionary<string, string>(values, StringComparer.Ordinal);
        foreach (var name in shortenable)
        {
            capped[name] = Truncate(values[name], cap, ellipsis);
        }

        return template.Render(lang, capped);
    }

    /// <summary>Keeps at most <paramref name="cap"/> text elements of <paramref name="value"/>, the ellipsis counted as one.</summary>
    internal static string Truncate(string value, int cap, string ellipsis)
    {
        if (TextElements(value) <= cap)
        {
            return value;
        }

        // Whole text elements only, so a surrogate pair or a combining sequence is never split.
        var cut = 0;
        for (var kept = 0; kept < cap - 1 && cut < value.Length; kept++)
        {
            cut += StringInfo.GetNextTextElementLength(value.AsSpan(cut));
        }

        // Never end inside a number or a word: back off to the start of the run.
        if (cut > 0 && cut < value.Length && IsTokenChar(value[cut - 1]) && IsTokenChar(value[cut]))
        {
            var start = cut;
            while (start > 0 && IsTokenChar(value[start - 1]))
            {
                start--;
            }

            if (cut - start <= MaxTokenBackoff)
            {
                cut = start;
            }
        }

        var prefix = value.AsSpan(0, cut).TrimEnd(" ,.;:，。；：、!?！？-—(（");
        return string.Concat(prefix, ellipsis);
    }

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || char.IsDigit(c) || c is '.' or ',' or '%' or '/' or ':' or '-' or '_' or '@' or '+' or '\'' or '#';

    private static int TextElements(string value)
    {
        var count = 0;
        for (var i = 0; i < value.Length; i += StringInfo.GetNextTextElementLength(value.AsSpan(i)))
        {
            count++;
        }

        return count;
    }

    /// <summary>One line of clean text: control characters dropped, runs of whitespace (newlines included) made one space.</summary>
    private static string Clean(string value)
    {
        var sb = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (char.IsControl(c) || c is '\u200B' or '\uFEFF')
            {
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
