using System.Text;

namespace Hotline.Classification;

/// <summary>A report's text in the two forms the matchers read.</summary>
internal sealed class NormalizedText
{
    // Not a letter or digit, so a masked phrase neither matches nor joins the words around it.
    private const char Mask = '\u2060';

    private NormalizedText(string zh, string en)
    {
        Zh = zh;
        En = en;
    }

    /// <summary>Folded and with all whitespace removed: Chinese has no spaces, and pasted or re-typed text often has stray ones inside words.</summary>
    public string Zh { get; }

    /// <summary>Folded with whitespace kept, for whole-word English matching.</summary>
    public string En { get; }

    public static NormalizedText From(string text)
    {
        var folded = TextNormalizer.Normalize(text);
        return new NormalizedText(WithoutWhitespace(folded), folded);
    }

    /// <summary>Folds a term or phrase of the keyword table the same way as texts.</summary>
    public static string FoldTerm(string term) => TextNormalizer.Normalize(term.Trim());

    public static string WithoutWhitespace(string text)
    {
        if (!text.Any(char.IsWhiteSpace))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The text with every occurrence of the (already folded) phrases blanked out, keeping positions, so that
    /// a word inside a phrase of another meaning does not count (失业保险 for employment, 累死了 for death).
    /// </summary>
    public NormalizedText Without(IReadOnlyList<string> phrases)
    {
        if (phrases.Count == 0)
        {
            return this;
        }

        var zh = Zh;
        var en = En;
        foreach (var phrase in phrases)
        {
            zh = Blank(zh, WithoutWhitespace(phrase));
            en = Blank(en, phrase);
        }

        return ReferenceEquals(zh, Zh) && ReferenceEquals(en, En) ? this : new NormalizedText(zh, en);
    }

    private static string Blank(string text, string phrase)
    {
        if (phrase.Length == 0 || !text.Contains(phrase, StringComparison.Ordinal))
        {
            return text;
        }

        return text.Replace(phrase, new string(Mask, phrase.Length), StringComparison.Ordinal);
    }
}
