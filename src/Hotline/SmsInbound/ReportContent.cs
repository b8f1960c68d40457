using System.Globalization;
using System.Text;
using Hotline.Cases;
using Hotline.Classification;

namespace Hotline.SmsInbound;

/// <summary>Whether a caller's text says enough to open a case on.</summary>
public static class ReportContent
{
    /// <summary>Fewer Chinese characters than this, with no category found, is a greeting or a test ("在吗", "喂").</summary>
    private const int MinChineseCharacters = 6;

    /// <summary>Fewer English words than this, with no category found, is a greeting or a test ("hello", "hi there").</summary>
    private const int MinEnglishWords = 3;

    /// <summary>
    /// False for a text with no letters at all ("？？", "。。。", "👍") and for a short one the classifier finds nothing in;
    /// a short text with a category ("欠薪", "unpaid wages") or a raised priority ("要跳楼") is a report.
    /// </summary>
    public static bool HasSubstance(string text, CaseClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(classifier);
        var chinese = 0;
        var letters = false;
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category == UnicodeCategory.OtherLetter)
            {
                chinese++;
            }

            letters |= Rune.IsLetter(rune) || Rune.IsDigit(rune);
        }

        if (!letters)
        {
            return false;
        }

        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (chinese >= MinChineseCharacters || (chinese == 0 && words >= MinEnglishWords))
        {
            return true;
        }

        var classification = classifier.Classify(text, chosenCategory: null, affectedCount: null);
        return classification.Category != CaseCategory.Other || classification.Priority != CasePriority.Normal;
    }
}
