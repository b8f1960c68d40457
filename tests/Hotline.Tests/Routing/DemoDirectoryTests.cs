using System.Text.Json;
using Hotline.Cases;
using Hotline.Routing;
using Hotline.Routing.Directory;

namespace Hotline.Tests.Routing;

public sealed class DemoDirectoryTests
{
    /// <summary>The name under which src/Hotline embeds Routing/demo-directory.json.</summary>
    private const string Resource = "Hotline.Routing.demo-directory.json";

    private static readonly Lazy<DirectoryDocument> Document = new(() =>
    {
        using var json = typeof(UnionDirectory).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded in the Hotline assembly.");
        return JsonSerializer.Deserialize(json, DirectoryJsonContext.Default.DirectoryDocument)!;
    });

    private static UnionDirectory Demo => UnionDirectory.Create(Document.Value);

    [Fact]
    public void The_demo_directory_is_valid_without_a_single_warning()
    {
        Assert.Empty(DirectoryValidator.Validate(Document.Value).Problems);
    }

    [Fact]
    public void The_demo_directory_holds_both_cities_and_their_counties_with_real_codes()
    {
        var directory = Demo;
        var expected = new Dictionary<string, string>
        {
            ["620000"] = "甘肃省总工会", ["621100"] = "定西市总工会",
            ["621102"] = "安定区总工会", ["621121"] = "通渭县总工会", ["621122"] = "陇西县总工会", ["621123"] = "渭源县总工会",
            ["621124"] = "临洮县总工会", ["621125"] = "漳县总工会", ["621126"] = "岷县总工会",
            ["420000"] = "湖北省总工会", ["420300"] = "十堰市总工会",
            ["420302"] = "茅箭区总工会", ["420303"] = "张湾区总工会", ["420304"] = "郧阳区总工会", ["420322"] = "郧西县总工会",
            ["420323"] = "竹山县总工会", ["420324"] = "竹溪县总工会", ["420325"] = "房县总工会", ["420381"] = "丹江口市总工会",
        };

        Assert.All(expected, e => Assert.Equal(e.Value, directory.FindCoveringUnit(e.Key)!.Unit.Name));
        Assert.Equal(["甘肃省总工会", "湖北省总工会"], directory.Roots.Select(u => u.Name));
    }

    [Fact]
    public void The_demo_provincial_unions_cover_their_whole_province()
    {
        var directory = Demo;

        Assert.All(directory.Units.Where(u => u.ParentId is null), root => Assert.Matches("^[1-8][0-9]0000$", Assert.Single(root.Regions)));
        Assert.Equal("hb", directory.FindCoveringUnit("429021")!.Unit.Id); // 神农架林区, no unit of its own
        Assert.Equal("gs", directory.FindCoveringUnit("623000")!.Unit.Id); // 甘南州, likewise
    }

    [Fact]
    public void Every_demo_phone_is_in_the_fictional_range_and_every_unit_has_a_head()
    {
        var directory = Demo;

        Assert.All(directory.Officers, o => Assert.Matches(@"^\+86139000\d{5}$", o.Phone));
        Assert.All(directory.Units, u => Assert.NotEmpty(directory.HeadsOf(u.Id)));
        Assert.All(directory.Units, u => Assert.InRange(directory.OfficersOf(u.Id).Count(o => o.Role == OfficerRole.Handler), 0, 3));
    }

    [Theory]
    [InlineData("621124100", CaseCategory.WageArrears, "lt-wq")] // 洮阳镇 wages: the county rights-protection station
    [InlineData("621124100", CaseCategory.Employment, "lt-ty")] // otherwise the township union
    [InlineData("621124103", CaseCategory.Employment, "lt")] // 辛店镇's handler is off duty
    [InlineData("621125", CaseCategory.Employment, "dx")] // 漳县's handler is off duty
    [InlineData("621123100001", CaseCategory.Employment, "wy-qy")] // 君山社区 has no handler
    [InlineData("621123100001", CaseCategory.WageArrears, "wy-wq")]
    [InlineData("621121", CaseCategory.LegalAid, "tw-fw")] // 通渭's rule for any category beats the city's legal-aid rule
    [InlineData("621122", CaseCategory.LegalAid, "dx-fl")]
    [InlineData("621126", CaseCategory.WorkplaceSafety, "dx-jz")] // the building-trade union, reached only by rule
    [InlineData("621124", CaseCategory.WorkInjury, "dx-jz")]
    [InlineData("420303003", CaseCategory.Employment, "zw")] // 车城路街道's handler is off duty
    [InlineData("420324", CaseCategory.Employment, "sy")] // both of 竹溪's handlers are off duty
    [InlineData("420303001", CaseCategory.WageArrears, "zw-wq")]
    [InlineData("420303", CaseCategory.WorkInjury, "sy-qc")]
    [InlineData("420381001", CaseCategory.Counseling, "sy-fw")]
    [InlineData("420302001", CaseCategory.Employment, "mj-wdl")]
    [InlineData("420106", CaseCategory.Employment, "hb")] // Wuhan: no city union in the demo, so the province's
    [InlineData("420106012", CaseCategory.WageArrears, "hb")]
    [InlineData("421000", CaseCategory.Employment, "hb")]
    [InlineData("420399", CaseCategory.Employment, "sy")] // a 十堰 code no county has: the city's union
    [InlineData("620102", CaseCategory.Employment, "gs")] // Lanzhou: the Gansu union
    [InlineData("110101", CaseCategory.Employment, "dx")] // nobody covers Beijing: the default unit the admin chose
    [InlineData(null, CaseCategory.WageArrears, "dx")]
    public void Demo_cases_reach_the_unit_a_local_union_would_expect(string? region, string category, string unit)
    {
        var decision = CaseRouter.Route(Demo, region, category, "dx");

        Assert.Equal(unit, decision.UnitId);
        Assert.True(decision.IsStaffed);
    }

    [Fact]
    public void A_major_incident_in_a_demo_county_reaches_the_county_head_the_city_head_and_the_city_contact()
    {
        var told = CaseRouter.Notify(Demo, "lt");

        Assert.Equal(
            [("o-lt-head", NotifyReason.UnitHead), ("o-dx-head", NotifyReason.ParentUnitHead), ("o-dx-c3", NotifyReason.LinkedContact)],
            told.Select(t => (t.Officer.Id, t.Reason)));
    }

    /// <summary>
    /// Property: for any code (real, padded, made up, malformed) and category, the case lands on the unit an
    /// independent brute-force reading of the spec picks, or on an ancestor reached only through units
    /// with no on-duty handler, and the officer is the least-loaded on-duty handler there.
    /// </summary>
    [Fact]
    public void Every_generated_case_lands_on_its_covering_or_rule_unit_or_an_ancestor_of_it()
    {
        var directory = Demo;
        var random = new Random(12351);
        var categories = CaseCategory.All.Append("unknown_category").ToArray();
        var regions = directory.Units.SelectMany(u => u.Regions).ToArray();
        var bases = new Dictionary<RoutingBasis, int>();
        var fallbacks = 0;

        for (var i = 0; i < 5000; i++)
        {
            var code = RandomCode(random, regions);
            var category = categories[random.Next(categories.Length)];
            var loads = directory.Officers.Where(_ => random.Next(3) > 0).ToDictionary(o => o.Id, _ => random.Next(4));

            var decision = CaseRouter.Route(directory, code, category, "dx");
            var officer = decision.IsStaffed ? OfficerLoadStore.LeastLoaded(decision.HandlerIds, loads) : null;

            var target = ExpectedTarget(directory, code, category, "dx");
            var path = directory.SelfAndAncestors(target).Select(u => u.Id).ToList();
            var landed = path.IndexOf(decision.UnitId);
            bases[decision.Basis] = bases.GetValueOrDefault(decision.Basis) + 1;
            fallbacks += landed > 0 ? 1 : 0;
            Assert.True(landed >= 0, $"{code}/{category}: {decision.UnitId} is not {target} or an ancestor");
            Assert.All(path.Take(officer is null ? path.Count : landed), skipped => Assert.Empty(directory.OnDutyHandlersOf(skipped)));
            if (officer is { } officerId)
            {
                var handlers = directory.OnDutyHandlersOf(decision.UnitId).ToList();
                var least = handlers.Min(h => loads.GetValueOrDefault(h.Id));
                Assert.Contains(handlers, h => h.Id == officerId);
                Assert.Equal(least, loads.GetValueOrDefault(officerId));
                Assert.Equal(handlers.Where(h => loads.GetValueOrDefault(h.Id) == least).Select(h => h.Id).Min(StringComparer.Ordinal), officerId);
            }

            // The brief's plainer statement of the same property, without reading rules.
            if (decision.Basis == RoutingBasis.Coverage)
            {
                Assert.Contains(directory.SelfAndAncestors(directory.FindCoveringUnit(code)!.Unit.Id), u => u.Id == decision.UnitId);
            }
            else if (decision.Basis == RoutingBasis.Default)
            {
                Assert.Null(directory.FindRule(code, category));
                Assert.Null(directory.FindCoveringUnit(code));
                Assert.Equal("dx", decision.UnitId);
            }
        }

        // The generator must exercise every path, or the property proves little.
        Assert.All([RoutingBasis.Rule, RoutingBasis.Coverage, RoutingBasis.Default], b => Assert.True(bases.GetValueOrDefault(b) > 300, $"{b}: {bases.GetValueOrDefault(b)}"));
        Assert.True(fallbacks > 100, $"fallbacks: {fallbacks}");
    }

    private static string ExpectedTarget(UnionDirectory directory, string? code, string category, string defaultUnit)
    {
        if (!RegionCode.TryNormalize(code, out var significant))
        {
            return defaultUnit;
        }

        var rule = directory.Rules
            .Where(r => significant.StartsWith(r.RegionPrefix, StringComparison.Ordinal) && (r.Category is null || r.Category == category))
            .OrderByDescending(r => r.RegionPrefix.Length).ThenByDescending(r => r.Category is not null)
            .FirstOrDefault();
        if (rule is not null)
        {
            return rule.UnitId;
        }

        var covering = directory.Units
            .SelectMany(u => u.Regions.Select(r => (Unit: u, Significant: RegionCode.TryNormalize(r, out var s) ? s : "")))
            .Where(x => significant.StartsWith(x.Significant, StringComparison.Ordinal))
            .OrderByDescending(x => x.Significant.Length)
            .FirstOrDefault();
        return covering.Unit?.Id ?? defaultUnit;
    }

    private static string? RandomCode(Random random, string[] regions)
    {
        switch (random.Next(10))
        {
            case 0:
                return null;
            case 1:
                // Malformed: wrong length, letters, or no such province.
                return random.Next(3) switch
                {
                    0 => Digits(random, random.Next(1, 14)),
                    1 => "62112" + (char)('a' + random.Next(26)),
                    _ => "99" + Digits(random, 4),
                };
            case 2:
                // Another province: Beijing, Sichuan, Guangdong.
                return new[] { "11", "51", "44" }[random.Next(3)] + Digits(random, 4);
            default:
                // A unit's own region, possibly padded or extended down to township or village.
                var region = regions[random.Next(regions.Length)];
                var code = region.Length == 6 && random.Next(2) == 0 ? region[..4] + Digits(random, 2) : region;
                return random.Next(3) switch
                {
                    0 => code,
                    1 when code.Length == 6 => code + Digits(random, 3),
                    _ when code.Length <= 9 => code.PadRight(9, '0') + Digits(random, 3),
                    _ => code,
                };
        }
    }

    private static string Digits(Random random, int count) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));
}
