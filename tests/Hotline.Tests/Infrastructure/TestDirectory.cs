namespace Hotline.Tests.Infrastructure;

/// <summary>A small directory written for a test: a city with two counties, one with no handler on duty.</summary>
public static class TestDirectory
{
    public const string Json = """
        {
          "units": [
            { "id": "city", "name": "测试市总工会", "parent": null, "regions": ["650100"], "kind": "city" },
            { "id": "east", "name": "东县总工会", "parent": "city", "regions": ["650102"], "kind": "county" },
            { "id": "west", "name": "西县总工会", "parent": "city", "regions": ["650103"], "kind": "county" }
          ],
          "officers": [
            { "id": "city-head", "name": "市主席", "phone": "+8613900009001", "unit": "city", "role": "head", "onDuty": true, "contactUnits": [] },
            { "id": "city-h1", "name": "市干事", "phone": "+8613900009002", "unit": "city", "role": "handler", "onDuty": true, "contactUnits": [] },
            { "id": "east-head", "name": "东县主席", "phone": "+8613900009011", "unit": "east", "role": "head", "onDuty": true, "contactUnits": [] },
            { "id": "east-h1", "name": "东县干事一", "phone": "+8613900009012", "unit": "east", "role": "handler", "onDuty": true, "contactUnits": [] },
            { "id": "east-h2", "name": "东县干事二", "phone": "+8613900009013", "unit": "east", "role": "handler", "onDuty": true, "contactUnits": [] },
            { "id": "west-head", "name": "西县主席", "phone": "+8613900009021", "unit": "west", "role": "head", "onDuty": true, "contactUnits": [] },
            { "id": "west-h1", "name": "西县干事", "phone": "+8613900009022", "unit": "west", "role": "handler", "onDuty": false, "contactUnits": [] }
          ],
          "rules": []
        }
        """;

    public static string WriteToTempFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hotline-directory-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Json);
        return path;
    }
}
