using Hotline.Routing.Directory;

namespace Hotline.Tests.Routing;

public sealed class DirectoryValidatorTests
{
    // units: 0 root, 1 city, 2 county, 3 station; officers: 0 root-head … 3 station-head, 4 county-1, 5 city-contact; rules: 0.
    private static DirectoryDocument Valid() => new DirectoryDocumentBuilder()
        .Unit("root", null, "province", "620000")
        .Unit("city", "root", "city", "621100")
        .Unit("county", "city", "county", "621124")
        .Unit("station", "county", "station")
        .Head("root-head", "root").Head("city-head", "city").Head("county-head", "county").Head("station-head", "station")
        .Handler("county-1", "county")
        .Contact("city-contact", "city", "county")
        .Rule("wage_arrears", "621124", "station")
        .Build();

    private static readonly Dictionary<string, Func<DirectoryDocument, DirectoryDocument>> Mutations = new()
    {
        ["duplicate unit id"] = d => Unit(d, 2, u => u with { Id = "city" }),
        ["unit id with a slash"] = d => Unit(d, 3, u => u with { Id = "a/b" }),
        ["missing unit id"] = d => Unit(d, 3, u => u with { Id = null }),
        ["empty unit name"] = d => Unit(d, 1, u => u with { Name = " " }),
        ["missing kind"] = d => Unit(d, 1, u => u with { Kind = null }),
        ["unknown parent"] = d => Unit(d, 2, u => u with { Parent = "nowhere" }),
        ["unit its own parent"] = d => Unit(d, 0, u => u with { Parent = "root" }),
        ["two units each other's parent"] = d => Unit(d, 0, u => u with { Parent = "city" }),
        ["region too short"] = d => Unit(d, 2, u => u with { Regions = ["62112"] }),
        ["region with letters"] = d => Unit(d, 2, u => u with { Regions = ["62112x"] }),
        ["region of no province"] = d => Unit(d, 2, u => u with { Regions = ["991124"] }),
        ["region covered twice"] = d => Unit(d, 3, u => u with { Regions = ["621124000"] }),
        ["null unit"] = d => d with { Units = [.. d.Units!, null!] },
        ["no units"] = d => d with { Units = null },
        ["duplicate officer id"] = d => Officer(d, 4, o => o with { Id = "county-head" }),
        ["landline phone"] = d => Officer(d, 4, o => o with { Phone = "+869322345678" }),
        ["short phone"] = d => Officer(d, 4, o => o with { Phone = "12345" }),
        ["phone with letters"] = d => Officer(d, 4, o => o with { Phone = "1390000abcd" }),
        ["missing phone"] = d => Officer(d, 4, o => o with { Phone = null }),
        ["same phone written differently"] = d => Officer(d, 4, o => o with { Phone = "139 0000 0001" }),
        ["officer of unknown unit"] = d => Officer(d, 4, o => o with { Unit = "nowhere" }),
        ["officer without unit"] = d => Officer(d, 4, o => o with { Unit = null }),
        ["bad role"] = d => Officer(d, 4, o => o with { Role = "boss" }),
        ["empty officer name"] = d => Officer(d, 4, o => o with { Name = "" }),
        ["unknown contact unit"] = d => Officer(d, 5, o => o with { ContactUnits = ["county", "nowhere"] }),
        ["rule to unknown unit"] = d => Rule(d, 0, r => r with { Unit = "nowhere" }),
        ["rule of unknown category"] = d => Rule(d, 0, r => r with { Category = "wages" }),
        ["rule prefix cutting a segment"] = d => Rule(d, 0, r => r with { RegionPrefix = "62112" }),
        ["rule without prefix"] = d => Rule(d, 0, r => r with { RegionPrefix = null }),
        ["two rules for the same category and place"] = d => d with { Rules = [.. d.Rules!, new RuleEntry("wage_arrears", "621124000", "county")] },
        ["head-less unit"] = d => d with { Officers = [.. d.Officers!.Where(o => o.Id != "station-head")] },
        ["unknown kind"] = d => Unit(d, 3, u => u with { Kind = "zone" }),
        ["contact linked to nothing"] = d => Officer(d, 5, o => o with { ContactUnits = [] }),
        ["contact linked upwards"] = d => Officer(d, 5, o => o with { ContactUnits = ["root"] }),
        ["region outside the parent's"] = d => Unit(d, 2, u => u with { Regions = ["420303"] }),
    };

    [Fact]
    public void A_sound_document_has_no_problems()
    {
        Assert.Empty(DirectoryValidator.Validate(Valid()).Problems);
    }

    [Theory]
    [InlineData("duplicate unit id", "/units/2/id", "duplicate unit id 'city' (first at /units/1)")]
    [InlineData("unit id with a slash", "/units/3/id", "'a/b' is not a valid id")]
    [InlineData("missing unit id", "/units/3/id", "an id is required")]
    [InlineData("empty unit name", "/units/1/name", "needs a name")]
    [InlineData("missing kind", "/units/1/kind", "needs a kind")]
    [InlineData("unknown parent", "/units/2/parent", "unknown parent unit 'nowhere'")]
    [InlineData("unit its own parent", "/units/0/parent", "cycle: root → root")]
    [InlineData("two units each other's parent", "/units/0/parent", "cycle: root → city → root")]
    [InlineData("region too short", "/units/2/regions/0", "'62112' is not a division code")]
    [InlineData("region with letters", "/units/2/regions/0", "'62112x' is not a division code")]
    [InlineData("region of no province", "/units/2/regions/0", "'991124' is not a division code")]
    [InlineData("region covered twice", "/units/3/regions/0", "already covered at /units/2/regions/0")]
    [InlineData("null unit", "/units/4", "must be an object")]
    [InlineData("no units", "/units", "no units")]
    [InlineData("duplicate officer id", "/officers/4/id", "duplicate officer id 'county-head' (first at /officers/2)")]
    [InlineData("landline phone", "/officers/4/phone", "not a phone number")]
    [InlineData("short phone", "/officers/4/phone", "not a phone number")]
    [InlineData("phone with letters", "/officers/4/phone", "not a phone number")]
    [InlineData("missing phone", "/officers/4/phone", "not a phone number")]
    [InlineData("same phone written differently", "/officers/4/phone", "already belongs to /officers/0")]
    [InlineData("officer of unknown unit", "/officers/4/unit", "unknown unit 'nowhere'")]
    [InlineData("officer without unit", "/officers/4/unit", "needs a unit")]
    [InlineData("bad role", "/officers/4/role", "'boss' is not a role")]
    [InlineData("empty officer name", "/officers/4/name", "needs a name")]
    [InlineData("unknown contact unit", "/officers/5/contactUnits/1", "unknown unit 'nowhere'")]
    [InlineData("rule to unknown unit", "/rules/0/unit", "unknown unit 'nowhere'")]
    [InlineData("rule of unknown category", "/rules/0/category", "'wages' is not a category")]
    [InlineData("rule prefix cutting a segment", "/rules/0/regionPrefix", "'62112' is not a region prefix")]
    [InlineData("rule without prefix", "/rules/0/regionPrefix", "is not a region prefix")]
    [InlineData("two rules for the same category and place", "/rules/1", "another rule for wage_arrears@621124 is at /rules/0")]
    public void Each_kind_of_error_is_reported_at_its_place(string mutation, string path, string message)
    {
        var result = DirectoryValidator.Validate(Mutations[mutation](Valid()));

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, p => p.Path == path && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("head-less unit", "/units/3", "has no head")]
    [InlineData("unknown kind", "/units/3/kind", "'zone' is not a known kind")]
    [InlineData("contact linked to nothing", "/officers/5/contactUnits", "linked to no unit")]
    [InlineData("contact linked upwards", "/officers/5/contactUnits/0", "'root' is not below the officer's unit 'city'")]
    [InlineData("region outside the parent's", "/units/2/regions", "outside the regions of parent 'city'")]
    public void Doubtful_but_routable_documents_load_with_a_warning(string mutation, string path, string message)
    {
        var document = Mutations[mutation](Valid());

        var result = DirectoryValidator.Validate(document);

        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Problems);
        Assert.Equal((ProblemSeverity.Warning, path), (warning.Severity, warning.Path));
        Assert.Contains(message, warning.Message, StringComparison.Ordinal);
        Assert.True(UnionDirectory.TryCreate(document, out var directory, out _));
        Assert.Equal([warning], directory.Warnings);
    }

    [Fact]
    public void Every_problem_is_listed_in_document_order_not_just_the_first()
    {
        var document = Valid();
        foreach (var mutation in new[] { "rule of unknown category", "bad role", "unknown parent", "landline phone", "region too short", "unknown contact unit" })
        {
            document = Mutations[mutation](document);
        }

        var result = DirectoryValidator.Validate(document);

        Assert.Equal(
            ["/units/2/parent", "/units/2/regions/0", "/officers/4/phone", "/officers/4/role", "/officers/5/contactUnits/1", "/rules/0/category"],
            result.Errors.Select(p => p.Path));
    }

    [Fact]
    public void A_cycle_is_reported_once_however_many_units_it_holds()
    {
        var document = Unit(Unit(Valid(), 0, u => u with { Parent = "county" }), 3, u => u with { Parent = "county" });

        var cycles = DirectoryValidator.Validate(document).Errors.Where(p => p.Message.Contains("cycle", StringComparison.Ordinal));

        var cycle = Assert.Single(cycles);
        Assert.Equal("/units/0/parent", cycle.Path);
        Assert.EndsWith("root → county → city → root", cycle.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_document_builds_no_directory_and_says_why()
    {
        var document = Mutations["bad role"](Mutations["unknown parent"](Valid()));

        Assert.False(UnionDirectory.TryCreate(document, out var directory, out var problems));
        Assert.Null(directory);
        Assert.Equal(2, problems.Count(p => p.IsError));
        var thrown = Assert.Throws<InvalidDirectoryException>(() => UnionDirectory.Create(document));
        Assert.Equal(problems, thrown.Problems);
        Assert.Contains("/officers/4/role", thrown.Message, StringComparison.Ordinal);
    }

    private static DirectoryDocument Unit(DirectoryDocument d, int index, Func<UnitEntry, UnitEntry> change) =>
        d with { Units = [.. d.Units!.Select((u, i) => i == index ? change(u) : u)] };

    private static DirectoryDocument Officer(DirectoryDocument d, int index, Func<OfficerEntry, OfficerEntry> change) =>
        d with { Officers = [.. d.Officers!.Select((o, i) => i == index ? change(o) : o)] };

    private static DirectoryDocument Rule(DirectoryDocument d, int index, Func<RuleEntry, RuleEntry> change) =>
        d with { Rules = [.. d.Rules!.Select((r, i) => i == index ? change(r) : r)] };
}
