using System.Globalization;
using Hotline.Cases;
using Hotline.Routing;

namespace Hotline.Tests.Routing;

public sealed class CaseRouterTests
{
    private static readonly Dictionary<string, int> Loads = new()
    {
        ["c-1"] = 3, ["c-2"] = 1,
        ["lt-1"] = 2, ["lt-2"] = 0, ["lt-3"] = 0,
        ["lt-wq-1"] = 5, ["lt-wq-2"] = 5,
    };

    public static TheoryData<string, string, string, string> RuleCases => new()
    {
        { "621124100", "wage_arrears", "lt-wq", "lt-wq-1" }, // county rule beats the city rule for the same category
        { "621124104", "wage_arrears", "lt-fw", "lt-fw-1" }, // township rule for any category beats the county wage rule
        { "621123", "wage_arrears", "wy-wq", "wy-wq-1" }, // a generic rule on a longer prefix beats a category rule on a shorter one
        { "621123", "counseling", "wy", "wy-1" }, // same prefix: the category rule beats the generic one
        { "621123101", "employment", "wy-wq", "wy-wq-1" }, // generic rule
        { "621126", "wage_arrears", "c", "c-2" }, // a city rule applies where no county unit exists
        { "621124100", "workplace_safety", "jz", "jz-1" }, // a rule written 621100 means all of 6211
    };

    [Theory]
    [MemberData(nameof(RuleCases))]
    public void A_matching_rule_decides_the_unit_most_specific_prefix_first(string region, string category, string unit, string officer)
    {
        var decision = CaseRouter.Route(RoutingTestDirectory.Create(), region, category, "c");

        Assert.Equal((unit, officer, RoutingBasis.Rule), (decision.UnitId, Officer(decision), decision.Basis));
    }

    public static TheoryData<string, string, string> CoverageCases => new()
    {
        { "621124100", "lt-ty", "lt-ty-1" },
        { "621124", "lt", "lt-2" },
        { "621124999", "lt", "lt-2" }, // a township nobody covers goes to its county
        { "621124100201", "lt-ty", "lt-ty-1" }, // a village goes to its township
        { "621124100000", "lt-ty", "lt-ty-1" }, // zero padding is the township itself
        { "621100", "c", "c-2" },
        { "621126", "c", "c-2" },
        { "620102", "p", "p-1" },
    };

    [Theory]
    [MemberData(nameof(CoverageCases))]
    public void Without_a_rule_the_deepest_unit_covering_the_region_gets_the_case(string region, string unit, string officer)
    {
        var decision = CaseRouter.Route(RoutingTestDirectory.Create(), region, CaseCategory.Employment, "c");

        Assert.Equal((unit, officer, RoutingBasis.Coverage), (decision.UnitId, Officer(decision), decision.Basis));
    }

    public static TheoryData<string, string, string> FallbackCases => new()
    {
        { "621124103", "lt", "lt-2" }, // the township's only handler is off duty
        { "621125", "c", "c-2" }, // the county has a head but no handler
    };

    [Theory]
    [MemberData(nameof(FallbackCases))]
    public void A_unit_without_an_on_duty_handler_passes_the_case_to_its_parent(string region, string unit, string officer)
    {
        var decision = CaseRouter.Route(RoutingTestDirectory.Create(), region, CaseCategory.Employment, "c");

        Assert.Equal((unit, officer), (decision.UnitId, Officer(decision)));
        Assert.Contains(decision.Reasons, r => r.Contains("has no on-duty handler → parent", StringComparison.Ordinal));
    }

    [Fact]
    public void A_case_stays_unassigned_at_its_unit_when_nobody_up_the_chain_is_on_duty()
    {
        var decision = CaseRouter.Route(RoutingTestDirectory.Create(), "420300", CaseCategory.Employment, "c");

        Assert.Equal(("hb", (string?)null), (decision.UnitId, Officer(decision)));
        Assert.False(decision.IsStaffed);
        Assert.Contains("left unassigned", decision.Reasons[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_fallback_walks_several_levels_and_records_each_step()
    {
        var document = new DirectoryDocumentBuilder()
            .Unit("city", null, "city", "621100")
            .Unit("county", "city", "county", "621124")
            .Unit("town", "county", "township", "621124100")
            .Unit("village", "town", "village", "621124100201")
            .Head("h", "city").Handler("city-1", "city").Handler("county-1", "county", onDuty: false)
            .Build();

        var decision = CaseRouter.Route(Hotline.Routing.Directory.UnionDirectory.Create(document), "621124100201", CaseCategory.Other, null);

        Assert.Equal(("city", "city-1"), (decision.UnitId, Officer(decision)));
        Assert.Equal(3, decision.Reasons.Count(r => r.Contains("has no on-duty handler → parent", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("c-1=3,c-2=1", "c-2")]
    [InlineData("c-1=1,c-2=3", "c-1")]
    [InlineData("c-1=2,c-2=2", "c-1")] // tie: lowest id
    [InlineData("c-2=1", "c-1")] // an officer missing from the counts has none open
    [InlineData("", "c-1")]
    public void The_on_duty_handler_with_the_fewest_open_cases_gets_it_ties_by_officer_id(string loads, string officer)
    {
        var decision = CaseRouter.Route(RoutingTestDirectory.Create(), "621100", CaseCategory.Other, null);

        Assert.Equal(("c", officer), (decision.UnitId, Officer(decision, ParseLoads(loads))));
    }

    [Fact]
    public void Ties_are_broken_by_officer_id_not_by_document_order()
    {
        // lt's handlers are written lt-3, lt-1, lt-2.
        var decision = CaseRouter.Route(RoutingTestDirectory.Create(), "621124", CaseCategory.Other, null);

        Assert.Equal("lt-1", Officer(decision, new Dictionary<string, int>()));
    }

    [Fact]
    public void Off_duty_handlers_never_get_a_case_however_idle()
    {
        var document = new DirectoryDocumentBuilder()
            .Unit("u", null, "county", "621124")
            .Head("h", "u").Handler("a-idle", "u", onDuty: false).Handler("b-busy", "u")
            .Build();

        var decision = CaseRouter.Route(Hotline.Routing.Directory.UnionDirectory.Create(document), "621124", CaseCategory.Other, null);

        Assert.Equal(["b-busy"], decision.HandlerIds);
        Assert.Equal("b-busy", Officer(decision, ParseLoads("b-busy=40")));
    }

    [Theory]
    [InlineData(null, "c", "c")]
    [InlineData("", "c", "c")]
    [InlineData("   ", "lt", "lt")]
    [InlineData("abc", "c", "c")] // not a code
    [InlineData("62112", "c", "c")] // wrong length
    [InlineData("991124", "c", "c")] // no such province
    [InlineData("110101", "c", "c")] // Beijing: no rule and no unit covers it
    [InlineData(null, null, "p")] // no default: the first root
    [InlineData("110101", "no-such-unit", "p")] // a default that is not in the directory: the first root
    public void A_missing_or_unknown_region_goes_to_the_default_unit(string? region, string? defaultUnit, string unit)
    {
        var decision = CaseRouter.Route(RoutingTestDirectory.Create(), region, CaseCategory.WageArrears, defaultUnit);

        Assert.Equal((unit, RoutingBasis.Default), (decision.UnitId, decision.Basis));
    }

    [Fact]
    public void An_industry_union_without_regions_is_reached_only_by_its_rule()
    {
        var directory = RoutingTestDirectory.Create();
        var codes = new[] { "621100", "621124", "621124100", "621123101", "621125", "621126", "621124100201" };

        var reachedJz = 0;
        foreach (var category in CaseCategory.All)
        {
            foreach (var code in codes)
            {
                var decision = CaseRouter.Route(directory, code, category, "c");
                if (decision.UnitId == "jz")
                {
                    Assert.Equal((CaseCategory.WorkplaceSafety, RoutingBasis.Rule), (category, decision.Basis));
                    reachedJz++;
                }
            }
        }

        Assert.True(reachedJz > 0);
    }

    [Fact]
    public void A_unit_with_no_regions_is_never_the_covering_unit()
    {
        var directory = RoutingTestDirectory.Create();

        Assert.Null(directory.FindCoveringUnit("110101"));
        Assert.All(
            new[] { "621124", "621124100", "621123", "621123999", "621100" },
            code => Assert.NotEmpty(directory.FindCoveringUnit(code)!.Unit.Regions));
    }

    [Fact]
    public void An_unknown_category_matches_only_rules_for_any_category()
    {
        var directory = RoutingTestDirectory.Create();

        var generic = CaseRouter.Route(directory, "621123101", "parking", "c");
        var covered = CaseRouter.Route(directory, "621124100", "parking", "c");

        Assert.Equal("wy-wq", generic.UnitId);
        Assert.Equal("lt-ty", covered.UnitId);
        Assert.Contains(generic.Reasons, r => r.Contains("'parking' is not a known code", StringComparison.Ordinal));
    }

    [Fact]
    public void Reasons_tell_the_audit_trail_which_rule_and_leave_the_officer_to_the_load_store()
    {
        var decision = CaseRouter.Route(RoutingTestDirectory.Create(), "621124100", CaseCategory.WageArrears, "c");

        Assert.Collection(
            decision.Reasons,
            r => Assert.StartsWith("rule wage_arrears@621124 (/rules/0) matches 621124100 → lt-wq (lt-wq工会)", r, StringComparison.Ordinal));
        Assert.Equal(["lt-wq-1", "lt-wq-2"], decision.HandlerIds);
    }

    [Fact]
    public void A_transfer_to_a_named_unit_uses_the_same_fallback_and_balancing()
    {
        var decision = CaseRouter.RouteToUnit(RoutingTestDirectory.Create(), "lt-xd");

        Assert.Equal(("lt", "lt-2", RoutingBasis.Transfer), (decision.UnitId, Officer(decision), decision.Basis));
    }

    [Fact]
    public void Routing_the_same_case_twice_gives_the_same_decision()
    {
        var directory = RoutingTestDirectory.Create();

        var first = CaseRouter.Route(directory, "621124103", CaseCategory.Other, "c");
        var second = CaseRouter.Route(directory, "621124103", CaseCategory.Other, "c");

        Assert.Equal(first.UnitId, second.UnitId);
        Assert.Equal(first.HandlerIds, second.HandlerIds);
        Assert.Equal(first.Reasons, second.Reasons);
    }

    /// <summary>The officer the load store would pick among the decision's handlers with these open-case counts.</summary>
    private static string? Officer(RoutingDecision decision, IReadOnlyDictionary<string, int>? loads = null) =>
        decision.IsStaffed ? OfficerLoadStore.LeastLoaded(decision.HandlerIds, loads ?? Loads) : null;

    internal static Dictionary<string, int> ParseLoads(string loads) =>
        loads.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
}
