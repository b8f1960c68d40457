using Hotline.Cases;
using Hotline.Classification;

namespace Hotline.Tests.Classification;

public sealed class TextVariantTests
{
    [Theory]
    [InlineData("老闆拖欠工資三個月了", CaseCategory.WageArrears)]
    [InlineData("公司沒給我們繳社會保險", CaseCategory.SocialInsurance)]
    [InlineData("我在工廠受傷了，申請工傷認定", CaseCategory.WorkInjury)]
    [InlineData("拖 欠 工 资", CaseCategory.WageArrears)]
    [InlineData("ＵＮＰＡＩＤ ＷＡＧＥＳ", CaseCategory.WageArrears)]
    [InlineData("老板不给我salary", CaseCategory.WageArrears)]
    [InlineData("I was FIRED yesterday", CaseCategory.LaborContract)]
    [InlineData("I can’t afford food for my kids", CaseCategory.HardshipAid)]
    [InlineData("I cant afford food for my kids", CaseCategory.HardshipAid)]
    public void Traditional_full_width_spaced_and_mixed_texts_are_classified(string text, string expected)
    {
        var result = TestClassifiers.Default.Classify(text, null, null);

        Assert.True(expected == result.Category, $"expected {expected}, got {result.Category}: {string.Join(" | ", result.Reasons)}");
    }

    [Theory]
    [InlineData("I want to repay my loan")]
    [InlineData("The Hotline's address please")]
    [InlineData("unionised")]
    public void English_terms_match_whole_words_only(string text)
    {
        var wage = TestClassifiers.Table.Categories.Single(c => c.Category == CaseCategory.WageArrears);
        var union = TestClassifiers.Table.Categories.Single(c => c.Category == CaseCategory.UnionMembership);

        Assert.Equal(0, wage.Score(NormalizedText.From(text)).Score);
        Assert.Equal(0, union.Score(NormalizedText.From(text)).Score);
    }

    [Theory]
    [InlineData("injured")]
    [InlineData("injury")]
    [InlineData("injuries")]
    [InlineData("hurts")]
    [InlineData("contracts")]
    [InlineData("non compete")]
    public void English_stems_and_plurals_match(string word)
    {
        var scores = TestClassifiers.Table.Categories.Select(c => c.Score(NormalizedText.From(word)).Score);

        Assert.Contains(scores, s => s > 0);
    }

    [Fact]
    public void Full_width_ascii_and_ideographic_spaces_are_folded()
    {
        var text = NormalizedText.From("ＡＢＣ　１２３，I’m");

        Assert.Equal("abc 123,i'm", text.En);
        Assert.Equal("abc123,i'm", text.Zh);
    }

    [Fact]
    public void The_traditional_to_simplified_map_is_aligned() =>
        Assert.Equal(TextNormalizer.TraditionalCount, TextNormalizer.SimplifiedCount);

    [Fact]
    public void Lone_surrogates_and_control_characters_do_not_break_classification()
    {
        var result = TestClassifiers.Default.Classify("拖欠\uD800工资\u0000\u202E 受伤", null, null);

        Assert.Equal(CasePriority.Urgent, result.Priority);
    }
}
