using System.Text;
using System.Text.RegularExpressions;

namespace Hotline.Classification;

/// <summary>
/// One term of the keyword table. Chinese terms are substrings of the whitespace-free view: Chinese has no
/// word boundaries to respect. English terms are whole words of the spaced view, so that "pay" does not
/// match inside "repay" and "injur*" stems cover injury, injured and injuries.
/// </summary>
internal sealed class TermMatcher
{
    private readonly string needle;
    private readonly Regex? word;

    private TermMatcher(string term, bool isChinese, string needle, Regex? word)
    {
        Term = term;
        IsChinese = isChinese;
        this.needle = needle;
        this.word = word;
    }

    /// <summary>The term as the table spells it.</summary>
    public string Term { get; }

    public bool IsChinese { get; }

    /// <summary>Length of the term as matched, to try longer terms before the shorter ones they contain.</summary>
    public int Length => needle.Length;

    public static bool IsChineseTerm(string term) => term.Any(IsHan);

    public static bool IsEnglishTerm(string term) =>
        term.Length > 0 && term.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or ' ' or '-' or '\'' or '*' or '+');

    public static TermMatcher Chinese(string term) =>
        new(term, isChinese: true, NormalizedText.WithoutWhitespace(NormalizedText.FoldTerm(term)), word: null);

    public static TermMatcher English(string term)
    {
        var folded = NormalizedText.FoldTerm(term);
        return new TermMatcher(term, isChinese: false, folded, WordPattern(folded));
    }

    public IEnumerable<TermMatch> Find(NormalizedText text)
    {
        if (word is not null)
        {
            foreach (Match match in word.Matches(text.En))
            {
                yield return new TermMatch(match.Index, match.Length, match.Value);
            }

            yield break;
        }

        var zh = text.Zh;
        for (var at = zh.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = zh.IndexOf(needle, at + 1, StringComparison.Ordinal))
        {
            yield return new TermMatch(at, needle.Length, needle);
        }
    }

    private static bool IsHan(char c) => c is (>= '\u3400' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF');

    // Letters and digits only on the boundaries: Chinese characters count as word characters for \b, and
    // "我的salary没发" should still match "salary".
    private static Regex WordPattern(string term)
    {
        var pattern = new StringBuilder("(?<![a-z0-9])");
        foreach (var c in term)
        {
            pattern.Append(c switch
            {
                '*' => "[a-z]*",
                ' ' or '-' => @"[\s\-]+",
                '\'' => "'?",
                _ => Regex.Escape(char.ToString(c)),
            });
        }

        if (!term.EndsWith('*'))
        {
            pattern.Append("(?:s|es)?");
        }

        pattern.Append("(?![a-z0-9])");
        return new Regex(pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
    }
}
