using System.Globalization;
using System.Text.RegularExpressions;

namespace Hotline.Classification;

/// <summary>
/// Reads how many workers a text says are affected: "30多名工人", "二十多个工友", "100余人", "上百名农民工",
/// "40 workers", "dozens of workers". Only numbers attached to people count, so "干了8个月" or "欠了3万元"
/// are not read as workers. Vague amounts are read as round figures: 几十/数十 and "dozens" as 30
/// (a crowd, as a caller means it), 上百/几百/数百 as 100, 上千/几千 as 1000, 十几 as 10, 几个 as 3.
/// A headcount ("我们公司有30人", "our company has 30 employees") says how big the employer is, not how many
/// are affected, and is skipped unless the words after it say the workers are affected ("…有30多名工人都没拿到工资").
/// </summary>
internal static partial class WorkerCount
{
    private const int MaxCount = 1_000_000;

    private static readonly Dictionary<string, int> EnglishNumbers = new(StringComparer.Ordinal)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30,
        ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
        ["hundred"] = 100, ["dozen"] = 12, ["dozens"] = 30, ["hundreds"] = 100, ["thousands"] = 1000,
    };

    /// <summary>The largest count of affected workers the text mentions, or null when it mentions none.</summary>
    public static WorkerCountMention? Largest(NormalizedText text)
    {
        WorkerCountMention? largest = null;
        foreach (Match match in ChineseCount().Matches(text.Zh))
        {
            if (IsHeadcount(text.Zh, match, ChineseHeadcountBefore(), ChineseAffectedAfter()))
            {
                continue;
            }

            Keep(ParseChinese(match.Groups["num"].Value), match.Value, ref largest);
        }

        foreach (Match match in EnglishCount().Matches(text.En))
        {
            if (IsHeadcount(text.En, match, EnglishHeadcountBefore(), EnglishAffectedAfter()))
            {
                continue;
            }

            Keep(ParseEnglish(match.Groups["num"].Value), match.Value, ref largest);
        }

        return largest;
    }

    /// <summary>Reads 三十, 一百二十, 两, 十几, 几十, 上百, 数百, 1000; null for anything else.</summary>
    internal static int? ParseChinese(string numeral)
    {
        if (numeral.Length > 0 && numeral.All(char.IsAsciiDigit))
        {
            return int.TryParse(numeral, NumberStyles.None, CultureInfo.InvariantCulture, out var arabic) && arabic is > 0 and <= MaxCount
                ? arabic
                : null;
        }

        var s = numeral.TrimStart('上', '近');
        if (s.Length == 0)
        {
            return null;
        }

        if (s[0] is '几' or '数')
        {
            if (s.Length == 1)
            {
                return 3;
            }

            var vague = s[1] switch { '十' => 30, '百' => 100, '千' => 1000, '万' => 10_000, _ => 0 };
            if (vague > 0)
            {
                return vague;
            }

            s = s[1..];
        }

        long total = 0, section = 0, digit = 0;
        foreach (var c in s)
        {
            switch (c)
            {
                case '十' or '百' or '千':
                    section += (digit == 0 ? 1 : digit) * (c == '十' ? 10 : c == '百' ? 100 : 1000);
                    digit = 0;
                    break;
                case '万':
                    total += (section + digit == 0 ? 1 : section + digit) * 10_000;
                    section = 0;
                    digit = 0;
                    break;
                default:
                    var d = "零一二三四五六七八九".IndexOf(c, StringComparison.Ordinal);
                    if (d < 0 && c is not ('两' or '几'))
                    {
                        return null;
                    }

                    // 几 after a unit (二十几) reads as its lower bound.
                    digit = c == '两' ? 2 : Math.Max(d, 0);
                    break;
            }
        }

        var value = total + section + digit;
        return value is > 0 and <= MaxCount ? (int)value : null;
    }

    internal static int? ParseEnglish(string numeral)
    {
        var words = numeral.Split([' ', '-', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 1 && int.TryParse(words[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var arabic))
        {
            return arabic is > 0 and <= MaxCount ? arabic : null;
        }

        var value = 0;
        foreach (var word in words)
        {
            if (word is "a")
            {
                continue;
            }

            if (!EnglishNumbers.TryGetValue(word, out var n))
            {
                return null;
            }

            // "one hundred" multiplies; "twenty five" adds.
            value = n == 100 && value is > 0 and < 10 ? value * 100 : value + n;
        }

        return value > 0 ? value : null;
    }

    private static void Keep(int? count, string evidence, ref WorkerCountMention? largest)
    {
        if (count is { } n && (largest is null || n > largest.Count))
        {
            largest = new WorkerCountMention(n, evidence.Trim());
        }
    }

    private static bool IsHeadcount(string view, Match match, Regex before, Regex after)
    {
        const int Window = 30;
        var start = Math.Max(0, match.Index - Window);
        if (!before.IsMatch(view.AsSpan(start, match.Index - start)))
        {
            return false;
        }

        var end = match.Index + match.Length;
        return !after.IsMatch(view.AsSpan(end, Math.Min(Window, view.Length - end)));
    }

    // Starts at the beginning of a number, and not at an ordinal (第3名).
    [GeneratedRegex("(?<![第0-9零一二两三四五六七八九十百千万几数上近])(?<num>[0-9]+|[零一二两三四五六七八九十百千万几数上近]+)(?:多|余|来)?(?:(?:名|个|位)?(?:农民工|工人|职工|员工|工友|同事|师傅|兄弟|人(?!民|次))|名)")]
    private static partial Regex ChineseCount();

    [GeneratedRegex("(?:公司|工厂|厂里|厂|单位|企业|车间|工地|店里|门店|店|项目部|项目|部门|班组)(?:里|上|内)?(?:一共|总共|共|大概|大约|约)?有(?:职工|员工|工人|工友)?(?:大概|大约|约|近)?$")]
    private static partial Regex ChineseHeadcountBefore();

    [GeneratedRegex("^(?:都|全|均|也|被|没|未|一直|的工资|工资|集体|一起)")]
    private static partial Regex ChineseAffectedAfter();

    [GeneratedRegex(@"(?<![a-z0-9,])(?<num>\d{1,3}(?:,\d{3})+|\d+|a\s+dozen|dozens|hundreds|thousands|(?:a|one)\s+hundred|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s\-](?:one|two|three|four|five|six|seven|eight|nine)(?![a-z]))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten|one|two|three|four|five|six|seven|eight|nine)(?:\+|\s+or\s+more|\s+plus)?\s+(?:of\s+(?:us|them)|(?:of\s+(?:the\s+|our\s+)?)?(?:migrant\s+|other\s+|fellow\s+)?(?:workers?|employees?|people|colleagues?|co-?workers?|labou?rers?|staff|men|women))(?![a-z])")]
    private static partial Regex EnglishCount();

    [GeneratedRegex(@"(?:^|[^a-z])(?:has|have|had|employs?|employed|with)\s+(?:about\s+|around\s+|over\s+|nearly\s+|roughly\s+|some\s+|almost\s+|more\s+than\s+)?$")]
    private static partial Regex EnglishHeadcountBefore();

    [GeneratedRegex(@"^\s*(?:who|that|were|are|have|haven't|all|still|not|unpaid|owed|without)(?![a-z])")]
    private static partial Regex EnglishAffectedAfter();
}
