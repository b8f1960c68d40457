using System.Text.Json;
using Hotline.Routing.Directory;
using Hotline.SmsInbound;

namespace Hotline.Tests.SmsInbound;

public sealed class PlaceResolverTests
{
    private static readonly Lazy<UnionDirectory> Demo = new(() =>
    {
        using var json = typeof(UnionDirectory).Assembly.GetManifestResourceStream("Hotline.Routing.demo-directory.json")!;
        return UnionDirectory.Create(JsonSerializer.Deserialize(json, DirectoryJsonContext.Default.DirectoryDocument)!);
    });

    [Theory]
    [InlineData("临洮县", "621124")]
    [InlineData("临洮", "621124")]
    [InlineData(" 洮阳镇 ", "621124100")]
    [InlineData("临洮县洮阳镇", "621124100")]
    [InlineData("在临洮县八里铺镇上班", "621124101")]
    [InlineData("定西市安定区", "621102")]
    [InlineData("渭源县清源镇君山社区", "621123100001")]
    [InlineData("621124", "621124")]
    [InlineData("621124103", "621124103")]
    public void A_place_name_or_a_covered_code_resolves_to_the_deepest_unit_named(string answer, string region)
    {
        Assert.Equal(region, PlaceResolver.Resolve(Demo.Value, answer)?.Region);
    }

    [Theory]
    [InlineData("不知道")]
    [InlineData("110101")]
    [InlineData("6211241")]
    [InlineData("13900001234")]
    public void An_unknown_place_or_an_uncovered_or_malformed_code_resolves_to_nothing(string answer)
    {
        Assert.Null(PlaceResolver.Resolve(Demo.Value, answer));
    }

    [Fact]
    public void A_report_is_searched_for_whole_place_names_only()
    {
        Assert.Equal("621124100", PlaceResolver.FindInReport(Demo.Value, "我在洮阳镇的工地干活，老板拖欠工资")?.Region);

        // "安定" (the stem of 安定区) is an ordinary word in a report.
        Assert.Null(PlaceResolver.FindInReport(Demo.Value, "工作不安定，工资也拖欠"));
    }

    [Fact]
    public void Two_places_named_alike_are_no_answer()
    {
        var directory = UnionDirectory.Create(JsonSerializer.Deserialize("""
            {
              "units": [
                { "id": "a", "name": "甲市总工会", "parent": null, "regions": ["650100"], "kind": "city" },
                { "id": "a1", "name": "甲市新城区总工会", "parent": "a", "regions": ["650102"], "kind": "district" },
                { "id": "b", "name": "乙市总工会", "parent": null, "regions": ["650200"], "kind": "city" },
                { "id": "b1", "name": "乙市新城区总工会", "parent": "b", "regions": ["650202"], "kind": "district" }
              ],
              "officers": [], "rules": []
            }
            """, DirectoryJsonContext.Default.DirectoryDocument)!);

        Assert.Null(PlaceResolver.Resolve(directory, "新城区"));
        Assert.Equal("650202", PlaceResolver.Resolve(directory, "乙市新城区")?.Region);
    }
}
