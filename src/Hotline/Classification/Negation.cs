using System.Text.RegularExpressions;

namespace Hotline.Classification;

/// <summary>
/// Whether a trigger word is negated right before it ("没有人受伤", "未造成人员伤亡", "no one was injured"),
/// so that a report saying nobody was hurt is not escalated as an injury. Only the few words before the
/// match in the same clause are read: "我没拿到工资还受伤了" stays an injury.
/// </summary>
internal static partial class Negation
{
    private const int ChineseWindow = 8;
    private const int EnglishWindow = 40;

    public static bool Precedes(NormalizedText text, bool chinese, int start)
    {
        var view = chinese ? text.Zh : text.En;
        var from = Math.Max(0, start - (chinese ? ChineseWindow : EnglishWindow));
        var before = view[from..start];
        var clause = before.LastIndexOfAny(chinese ? ChineseClauseEnds : EnglishClauseEnds);
        if (clause >= 0)
        {
            before = before[(clause + 1)..];
        }

        return chinese ? ChineseNegation().IsMatch(before) : EnglishNegation().IsMatch(before);
    }

    private static readonly char[] ChineseClauseEnds = ['，', '。', '！', '？', '；', '、', '：', ',', '.', '!', '?', ';', ':'];

    private static readonly char[] EnglishClauseEnds = [',', '.', '!', '?', ';', ':', '，', '。'];

    // A negation word, then at most the filler of "没有(造成)(任何)人员(被)".
    [GeneratedRegex("(?:没有|没|未|无|不曾|不是)(?:造成|出现|发生|导致)?(?:任何)?(?:人员|人)?(?:有|被)?$")]
    private static partial Regex ChineseNegation();

    // A negation, then at most two words: "no one was", "nobody got", "wasn't", "without any".
    [GeneratedRegex(@"(?:(?<![a-z])(?:no|not|nobody|none|never|without)|n't)(?:\s+[a-z']+){0,2}\s*$")]
    private static partial Regex EnglishNegation();
}
