using System.Text;

namespace Hotline.Sms.Templates;

/// <summary>One named, operator-approvable text with {parameter} placeholders, in every <see cref="SmsLanguage"/>.</summary>
public sealed class SmsTemplate
{
    private readonly Dictionary<string, TextPart[]> _parts;

    internal SmsTemplate(string name, string audience, IReadOnlyList<SmsTemplateParameter> parameters, IReadOnlyDictionary<string, string> texts)
    {
        Name = name;
        Audience = audience;
        Parameters = parameters;
        Texts = texts;
        _parts = new Dictionary<string, TextPart[]>(StringComparer.Ordinal);
        foreach (var (language, text) in texts)
        {
            _parts[language] = Parse(name, language, text, parameters);
        }
    }

    public string Name { get; }

    /// <summary>Who receives it: caller, officer or head (documentation for template filing).</summary>
    public string Audience { get; }

    public IReadOnlyList<SmsTemplateParameter> Parameters { get; }

    /// <summary>The raw text per language, placeholders included.</summary>
    public IReadOnlyDictionary<string, string> Texts { get; }

    internal string Render(string language, IReadOnlyDictionary<string, string> values)
    {
        var sb = new StringBuilder(256);
        foreach (var part in _parts[language])
        {
            sb.Append(part.IsParameter ? values[part.Value] : part.Value);
        }

        return sb.ToString();
    }

    private static TextPart[] Parse(string name, string language, string text, IReadOnlyList<SmsTemplateParameter> parameters)
    {
        var declared = parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var parts = new List<TextPart>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '}')
            {
                throw new SmsCompositionException($"Template '{name}' ({language}) has a '}}' without '{{'.");
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var end = text.IndexOf('}', i + 1);
            var placeholder = end < 0 ? null : text[(i + 1)..end];
            if (placeholder is null || !declared.Contains(placeholder))
            {
                throw new SmsCompositionException($"Template '{name}' ({language}) uses an undeclared placeholder at position {i}.");
            }

            if (literal.Length > 0)
            {
                parts.Add(new TextPart(false, literal.ToString()));
                literal.Clear();
            }

            parts.Add(new TextPart(true, placeholder));
            used.Add(placeholder);
            i = end;
        }

        if (literal.Length > 0)
        {
            parts.Add(new TextPart(false, literal.ToString()));
        }

        var unused = declared.Except(used).ToList();
        if (unused.Count > 0)
        {
            throw new SmsCompositionException($"Template '{name}' ({language}) never uses parameter(s) {string.Join(", ", unused)}.");
        }

        return [.. parts];
    }

    private readonly record struct TextPart(bool IsParameter, string Value);
}
