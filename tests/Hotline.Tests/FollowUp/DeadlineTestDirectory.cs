namespace Hotline.Tests.FollowUp;

/// <summary>
/// A directory for the chase of due times: a city with a head and a contact officer linked to the east county (定点联系),
/// the east county with its head and two handlers, and a township under it with a handler but no head of its own.
/// </summary>
public static class DeadlineTestDirectory
{
    public const string Json = """
        {
          "units": [
            { "id": "city", "name": "测试市总工会", "parent": null, "regions": ["650100"], "kind": "city" },
            { "id": "east", "name": "东县总工会", "parent": "city", "regions": ["650102"], "kind": "county" },
            { "id": "town", "name": "东镇工会", "parent": "east", "regions": ["650102001"], "kind": "township" }
          ],
          "officers": [
            { "id": "city-head", "name": "市主席", "phone": "+8613900009001", "unit": "city", "role": "head", "onDuty": true, "contactUnits": [] },
            { "id": "city-h1", "name": "市干事", "phone": "+8613900009002", "unit": "city", "role": "handler", "onDuty": true, "contactUnits": [] },
            { "id": "city-c1", "name": "市联络员", "phone": "+8613900009003", "unit": "city", "role": "contact", "onDuty": true, "contactUnits": ["east"] },
            { "id": "east-head", "name": "东县主席", "phone": "+8613900009011", "unit": "east", "role": "head", "onDuty": true, "contactUnits": [] },
            { "id": "east-h1", "name": "东县干事一", "phone": "+8613900009012", "unit": "east", "role": "handler", "onDuty": true, "contactUnits": [] },
            { "id": "east-h2", "name": "东县干事二", "phone": "+8613900009013", "unit": "east", "role": "handler", "onDuty": true, "contactUnits": [] },
            { "id": "town-h1", "name": "东镇干事", "phone": "+8613900009031", "unit": "town", "role": "handler", "onDuty": true, "contactUnits": [] }
          ],
          "rules": []
        }
        """;

    public static string WriteToTempFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hotline-deadlines-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Json);
        return path;
    }
}
