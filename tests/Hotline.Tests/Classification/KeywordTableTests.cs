using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;
using Hotline.Cases;
using Hotline.Classification;

namespace Hotline.Tests.Classification;

public sealed class KeywordTableTests
{
    [Fact]
    public void Keyword_table_is_embedded_in_the_assembly()
    {
        var names = typeof(CaseClassifier).Assembly.GetManifestResourceNames();

        Assert.True(
            names.Contains(KeywordTable.ResourceName),
            $"Hotline.csproj needs <EmbeddedResource Include=\"Classification/keywords.json\" LogicalName=\"{KeywordTable.ResourceName}\" /> (and <Content Remove=\"Classification/keywords.json\" />).");
        Assert.Same(KeywordTable.Embedded, KeywordTable.Embedded);
        Assert.Equal(CaseCategory.WageArrears, CaseClassifier.Default.Classify("拖欠工资", null, null).Category);
    }

    [Fact]
    public void The_table_covers_every_category_but_other_in_tie_break_order()
    {
        var table = KeywordTable.Embedded;

        Assert.Equal(
            [
                CaseCategory.WorkInjury, CaseCategory.WageArrears, CaseCategory.WorkplaceSafety, CaseCategory.SocialInsurance,
                CaseCategory.LaborContract, CaseCategory.HardshipAid, CaseCategory.Counseling, CaseCategory.LegalAid,
                CaseCategory.Employment, CaseCategory.UnionMembership, CaseCategory.Suggestion,
            ],
            table.Categories.Select(c => c.Category));
        Assert.All(table.Categories, c => Assert.True(c.TermCount >= 15, $"{c.Category} has only {c.TermCount} terms"));
        Assert.Equal(4, table.MajorIncidentTriggers.Count);
        Assert.Equal(4, table.UrgentTriggers.Count);
    }

    [Fact]
    public void The_table_has_no_duplicate_terms_within_a_category()
    {
        // The serializer would silently keep the last of two equal keys; the raw document shows both.
        using var stream = TestClassifiers.OpenEmbeddedJson();
        using var document = JsonDocument.Parse(stream);
        foreach (var category in document.RootElement.GetProperty("categories").EnumerateArray())
        {
            foreach (var language in new[] { "zh", "en" })
            {
                var terms = category.GetProperty(language).EnumerateObject().Select(p => p.Name).ToList();
                var duplicates = terms.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key);
                Assert.Empty(duplicates);
            }
        }
    }

    [Fact]
    public void An_invalid_table_is_rejected_with_every_problem_listed()
    {
        const string Json = """
            {
              "categories": [
                { "category": "nope", "zh": { "欠薪": 3 } },
                { "category": "wage_arrears", "zh": { "salary": 3, "欠薪": 0 }, "en": { "拖欠": 2 }, "negatable": [ "受伤" ] },
                { "category": "other", "zh": { "其他": 1 } }
              ],
              "majorIncident": [ { "reason": "", "zh": [] } ],
              "urgent": []
            }
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Json));

        var error = Assert.Throws<InvalidDataException>(() => KeywordTable.Load(stream));

        Assert.Contains("'nope' is not a classifiable category code", error.Message, StringComparison.Ordinal);
        Assert.Contains("'other' is not a classifiable category code", error.Message, StringComparison.Ordinal);
        Assert.Contains("'salary' is not a valid Chinese term", error.Message, StringComparison.Ordinal);
        Assert.Contains("'拖欠' is not a valid English term", error.Message, StringComparison.Ordinal);
        Assert.Contains("'欠薪' has weight 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("category 'wage_arrears': negatable '受伤' is not one of its terms", error.Message, StringComparison.Ordinal);
        Assert.Contains("category 'work_injury' is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("a major_incident trigger has no reason", error.Message, StringComparison.Ordinal);
        Assert.Contains("there are no urgent triggers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_that_is_not_json_is_rejected()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{ not json"));

        Assert.Throws<InvalidDataException>(() => KeywordTable.Load(stream));
    }

    [Fact]
    public void Options_with_an_urgent_threshold_above_the_major_one_are_invalid()
    {
        var options = new ClassificationOptions { MajorIncidentAffectedCount = 10, UrgentAffectedCount = 20 };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Throws<ArgumentException>(() => TestClassifiers.Create(options));
    }

    [Fact]
    public void Default_options_are_valid()
    {
        var options = new ClassificationOptions();

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }
}
