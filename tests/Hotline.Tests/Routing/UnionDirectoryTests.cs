using Hotline.Routing.Directory;

namespace Hotline.Tests.Routing;

public sealed class UnionDirectoryTests
{
    [Fact]
    public void The_parent_chain_runs_from_the_unit_to_its_root()
    {
        var directory = RoutingTestDirectory.Create();

        Assert.Equal(["lt-ty", "lt", "c", "p"], directory.SelfAndAncestors("lt-ty").Select(u => u.Id));
        Assert.Equal(3, directory.DepthOf("lt-ty"));
        Assert.Equal("lt", directory.ParentOf("lt-ty")!.Id);
        Assert.Null(directory.ParentOf("p"));
        Assert.True(directory.IsSelfOrAncestor("c", "lt-ty"));
        Assert.False(directory.IsSelfOrAncestor("wy", "lt-ty"));
        Assert.Equal(["p", "hb"], directory.Roots.Select(u => u.Id));
        Assert.Equal(["lt-ty", "lt-xd", "lt-ts", "lt-wq", "lt-fw"], directory.ChildrenOf("lt").Select(u => u.Id));
        Assert.Empty(directory.ChildrenOf("lt-ty"));
    }

    [Theory]
    [InlineData("621124100", "lt-ty", "621124100")]
    [InlineData("621124101", "lt", "621124")]
    [InlineData("621100", "c", "6211")]
    [InlineData("621199", "c", "6211")]
    [InlineData("620000", "p", "62")]
    public void The_covering_unit_is_the_one_whose_region_matches_most_digits(string code, string unit, string matched)
    {
        var match = RoutingTestDirectory.Create().FindCoveringUnit(code);

        Assert.Equal((unit, matched), (match!.Unit.Id, match.MatchedRegion));
    }

    [Fact]
    public void Phones_are_kept_in_E164_and_found_in_any_format()
    {
        var document = new DirectoryDocumentBuilder().Unit("u", null, "county", "621124").Build();
        document = document with { Officers = [new OfficerEntry("o", "张三", "139-0000-0001", "u", "head")] };

        var directory = UnionDirectory.Create(document);

        Assert.Equal("+8613900000001", directory.FindOfficer("o")!.Phone);
        Assert.Equal("o", directory.FindOfficerByPhone("13900000001")?.Id);
        Assert.Equal("o", directory.FindOfficerByPhone("+86 139 0000 0001")?.Id);
        Assert.Null(directory.FindOfficerByPhone("13900000002"));
        Assert.Null(directory.FindOfficerByPhone("not a phone"));
    }

    [Fact]
    public void Ids_and_references_are_read_without_surrounding_spaces()
    {
        var document = new DirectoryDocument(
            [new UnitEntry(" u ", " 临洮县总工会 ", null, [" 621124 "], " county ")],
            [new OfficerEntry(" o ", "张三", "13900000001", " u ", " handler ")],
            [new RuleEntry(" * ", " 621124 ", " u ")]);

        var directory = UnionDirectory.Create(document);

        Assert.Equal("临洮县总工会", directory.GetUnit("u").Name);
        Assert.Equal("o", Assert.Single(directory.OnDutyHandlersOf("u")).Id);
        Assert.Equal(new RoutingRule(null, "621124", "u", 0), Assert.Single(directory.Rules));
    }

    [Fact]
    public void Rules_are_stored_with_their_significant_prefix_and_any_category_as_null()
    {
        var directory = RoutingTestDirectory.Create();

        Assert.Contains(new RoutingRule("workplace_safety", "6211", "jz", 2), directory.Rules);
        Assert.Contains(new RoutingRule(null, "621123", "wy-wq", 5), directory.Rules);
        Assert.Equal("*@621123", directory.Rules[5].ToString());
    }

    [Fact]
    public void Officer_lists_are_sorted_by_id_and_split_by_role_and_duty()
    {
        var directory = RoutingTestDirectory.Create();

        Assert.Equal(["lt-1", "lt-2", "lt-3"], directory.OnDutyHandlersOf("lt").Select(o => o.Id));
        Assert.Empty(directory.OnDutyHandlersOf("lt-xd"));
        Assert.Equal(["wy-head"], directory.HeadsOf("wy").Select(o => o.Id));
        Assert.Equal(["c-contact", "c-head"], directory.ContactsLinkedTo("zx").Select(o => o.Id));
        Assert.Equal(["lt-1", "lt-2", "lt-3", "lt-contact", "lt-head"], directory.OfficersOf("lt").Select(o => o.Id));
    }

    [Fact]
    public void An_unknown_unit_is_absent_or_an_error_depending_on_the_call()
    {
        var directory = RoutingTestDirectory.Create();

        Assert.Null(directory.FindUnit("nowhere"));
        Assert.Empty(directory.OfficersOf("nowhere"));
        Assert.Throws<KeyNotFoundException>(() => directory.GetUnit("nowhere"));
    }
}
