namespace Hotline.Benchmarks;

internal static class BenchmarkDirectory
{
    public const string Json = """
        {
          "units": [
            { "id": "city", "name": "测试市总工会", "parent": null, "regions": ["650100"], "kind": "city" },
            { "id": "east", "name": "东县总工会", "parent": "city", "regions": ["650102"], "kind": "county" }
          ],
          "officers": [
            { "id": "city-head", "name": "市主席", "phone": "+8613900009001", "unit": "city", "role": "head", "onDuty": true, "contactUnits": [] },
            { "id": "east-head", "name": "东县主席", "phone": "+8613900009011", "unit": "east", "role": "head", "onDuty": true, "contactUnits": [] },
            { "id": "east-h1", "name": "干事一", "phone": "+8613900009012", "unit": "east", "role": "handler", "onDuty": true, "contactUnits": [] },
            { "id": "east-h2", "name": "干事二", "phone": "+8613900009013", "unit": "east", "role": "handler", "onDuty": true, "contactUnits": [] },
            { "id": "east-h3", "name": "干事三", "phone": "+8613900009014", "unit": "east", "role": "handler", "onDuty": true, "contactUnits": [] }
          ],
          "rules": []
        }
        """;
}
