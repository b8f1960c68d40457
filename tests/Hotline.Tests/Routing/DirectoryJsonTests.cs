using System.Text.Json;
using Hotline.Routing.Directory;

namespace Hotline.Tests.Routing;

public sealed class DirectoryJsonTests
{
    [Fact]
    public void The_example_of_the_spec_reads_and_loads()
    {
        const string json = """
            {
              "units":    [{ "id": "dx", "name": "定西市总工会", "parent": null, "regions": ["621100"], "kind": "city" },
                           { "id": "lt-wq", "name": "临洮县职工维权服务站", "parent": "dx", "regions": [], "kind": "station" }],
              "officers": [{ "id": "o-dx-1", "name": "张三", "phone": "+8613900000000", "unit": "dx", "role": "head", "onDuty": true, "contactUnits": [] }],
              "rules":    [{ "category": "wage_arrears", "regionPrefix": "621124", "unit": "lt-wq" }]
            }
            """;

        var document = JsonSerializer.Deserialize(json, DirectoryJsonContext.Default.DirectoryDocument)!;
        var directory = UnionDirectory.Create(document);

        Assert.Equal("定西市总工会", directory.GetUnit("dx").Name);
        Assert.Equal(OfficerRole.Head, directory.FindOfficer("o-dx-1")!.Role);
        Assert.Equal("lt-wq", directory.FindRule("621124100", "wage_arrears")!.UnitId);
    }

    [Fact]
    public void Missing_optional_fields_mean_on_duty_no_links_and_any_category()
    {
        const string json = """
            {
              "units": [{ "id": "lt", "name": "临洮县总工会", "parent": null, "regions": ["621124"], "kind": "county" }],
              "officers": [{ "id": "o1", "name": "张三", "phone": "13900000001", "unit": "lt", "role": "handler" }],
              "rules": [{ "regionPrefix": "621124", "unit": "lt" }]
            }
            """;

        var document = JsonSerializer.Deserialize(json, DirectoryJsonContext.Default.DirectoryDocument)!;
        var directory = UnionDirectory.Create(document);

        var officer = directory.FindOfficer("o1")!;
        Assert.True(officer.OnDuty);
        Assert.Empty(officer.ContactUnitIds);
        Assert.Null(Assert.Single(directory.Rules).Category);
    }

    [Fact]
    public void A_misspelt_member_is_refused_rather_than_ignored()
    {
        const string json = """{ "units": [{ "id": "lt", "name": "临洮县总工会", "regoins": ["621124"], "kind": "county" }] }""";

        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, DirectoryJsonContext.Default.DirectoryDocument));
    }
}
