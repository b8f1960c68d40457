using System.Collections.Frozen;
using System.Text;

namespace Hotline.Classification;

/// <summary>
/// Folds the cheap variants of a text onto the forms the keyword table is written in: full-width ASCII
/// (typed by Chinese input methods) to half-width, upper to lower case, curly to straight apostrophes, and the
/// traditional characters that occur in complaint vocabulary to simplified ones (callers from Hong Kong,
/// Taiwan or with a traditional input method). A full converter is not worth a dependency for matching keywords.
/// </summary>
internal static class TextNormalizer
{
    private const string Traditional =
        "資傷險勞動約職業醫療殘難幫會師訴殺樓罷訪議僱開辭證養費發錢給還個幾萬兩數餘來沒說時隨馬關廠場機車電壓絕輕諮詢權維護糾紛問題應該請農節過飯餓無歸買對為這讓頭斷燒燙塵聲鬱憂慮煩婦導領級區縣鎮鄉與參補償賠繳臨線貸創訓練崗務員體團協組織經濟單價於從聯絡鬧圍齊橫靜懸掛墜氣觸擊術診顧獨緒潰總結簽訂續頂辦換調獎罰禮貧窮學讀產門鍋爐禍災隱檢報範規違戰遲討實際層傳達築設項將帶號碼記錄邊麼們裡裏嗎腦認鑒鑑據態優見藥幣帳賬計額負債條蹤後隻夥週準製徵軋嚇緊監獄喪癱屍擔憤懼腳";

    private const string Simplified =
        "资伤险劳动约职业医疗残难帮会师诉杀楼罢访议雇开辞证养费发钱给还个几万两数余来没说时随马关厂场机车电压绝轻咨询权维护纠纷问题应该请农节过饭饿无归买对为这让头断烧烫尘声郁忧虑烦妇导领级区县镇乡与参补偿赔缴临线贷创训练岗务员体团协组织经济单价于从联络闹围齐横静悬挂坠气触击术诊顾独绪溃总结签订续顶办换调奖罚礼贫穷学读产门锅炉祸灾隐检报范规违战迟讨实际层传达筑设项将带号码记录边么们里里吗脑认鉴鉴据态优见药币账账计额负债条踪后只伙周准制征轧吓紧监狱丧瘫尸担愤惧脚";

    private static readonly FrozenDictionary<char, char> ToSimplified = BuildMap();

    internal static int TraditionalCount => Traditional.Length;

    internal static int SimplifiedCount => Simplified.Length;

    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(Fold(c));
        }

        return builder.ToString();
    }

    private static char Fold(char c)
    {
        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            c = (char)(c - 0xFEE0);
        }
        else if (c == '\u3000')
        {
            return ' ';
        }
        else if (c is '\u2018' or '\u2019' or '\u02BC')
        {
            return '\'';
        }

        if (c < 0x80)
        {
            return char.ToLowerInvariant(c);
        }

        return ToSimplified.TryGetValue(c, out var simplified) ? simplified : c;
    }

    private static FrozenDictionary<char, char> BuildMap()
    {
        var map = new Dictionary<char, char>();
        for (var i = 0; i < Math.Min(Traditional.Length, Simplified.Length); i++)
        {
            map.TryAdd(Traditional[i], Simplified[i]);
        }

        return map.ToFrozenDictionary();
    }
}
