using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hotline.Cases;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Routing;

public sealed class DirectoryEndpointsTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly HotlineApp _app = new(azurite);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_valid_directory_replaces_the_one_in_use_for_regions_and_routing()
    {
        using var client = _app.CreateClient();

        using var put = await client.PutAsync("/api/admin/directory", Json(TestDirectory.Json));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var body = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, body.GetProperty("version").GetInt64());
        Assert.Equal(3, body.GetProperty("units").GetInt32());

        var regions = await client.GetFromJsonAsync<JsonElement>("/api/regions");
        var city = Assert.Single(regions.EnumerateArray());
        Assert.Equal("650100", city.GetProperty("code").GetString());
        Assert.Equal("测试市", city.GetProperty("name").GetString());
        Assert.Equal(["650102", "650103"], city.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("code").GetString()));

        using var submitted = await client.PostAsJsonAsync("/api/submissions", new { description = "欠薪", region = "650102", consent = true });
        var ticket = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticketId").GetString()!;
        using var routed = await client.PostAsync("/RouteCase", Envelope.Queue($$"""{"ticketId":"{{ticket}}"}"""));
        Assert.Equal(HttpStatusCode.OK, routed.StatusCode);
        var record = (await _app.Services.GetRequiredService<CaseStore>().GetAsync(ticket, default))!.Value.Record;
        Assert.Equal("east", record.UnitId);
    }

    [Fact]
    public async Task An_invalid_directory_is_refused_with_every_problem_and_changes_nothing()
    {
        using var client = _app.CreateClient();
        var before = await client.GetStringAsync("/api/regions");
        const string invalid = """
            {
              "units": [
                { "id": "a", "name": "甲", "parent": "b", "regions": ["650100"], "kind": "city" },
                { "id": "b", "name": "乙", "parent": "a", "regions": ["650200"], "kind": "city" },
                { "id": "a", "name": "重复", "parent": "nowhere", "regions": ["65AB"], "kind": "county" }
              ],
              "officers": [
                { "id": "o1", "name": "某", "phone": "12345", "unit": "ghost", "role": "boss", "onDuty": true, "contactUnits": [] }
              ],
              "rules": [ { "category": "gossip", "regionPrefix": "65", "unit": "ghost" } ]
            }
            """;

        using var put = await client.PutAsync("/api/admin/directory", Json(invalid));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var errors = (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var messages = string.Join("\n", errors.EnumerateObject().SelectMany(p => p.Value.EnumerateArray().Select(m => $"{p.Name}: {m.GetString()}")));
        Assert.True(errors.EnumerateObject().Count() >= 6, messages);
        Assert.Contains("/officers/0/phone", messages, StringComparison.Ordinal);
        Assert.Contains("/rules/0/category", messages, StringComparison.Ordinal);
        Assert.Equal(before, await client.GetStringAsync("/api/regions"));
    }

    [Theory]
    [InlineData("not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"units":[],"officers":[],"rules":[],"surprise":1}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"units":[{"id":"x","name":"x","regions":"650100"}]}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("units=1", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    public async Task Malformed_directory_documents_get_a_problem_detail(string body, string mediaType, HttpStatusCode expected)
    {
        using var client = _app.CreateClient();

        using var put = await client.PutAsync("/api/admin/directory", new StringContent(body, Encoding.UTF8, mediaType));

        Assert.Equal(expected, put.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_stored_directory_that_does_not_read_back_whole_is_refused_instead_of_parsed()
    {
        var store = _app.Services.GetRequiredService<Hotline.Routing.DirectoryStore>();
        var saved = await store.SaveAsync(TestDirectory.Json, default);
        Assert.Equal(TestDirectory.Json, await store.GetDocumentAsync(saved, default));

        // A chunk left behind by some other save, or damaged: the hash no longer matches.
        await _app.Storage.Directory.UpsertEntityAsync(new Azure.Data.Tables.TableEntity(saved.Partition, "0001") { ["Json"] = "garbage" });

        Assert.Null(await store.GetDocumentAsync(saved, default));
    }

    [Fact]
    public async Task An_oversized_directory_gets_413()
    {
        using var client = _app.CreateClient();
        var huge = "{\"units\":[],\"officers\":[],\"rules\":[],\"x\":\"" + new string('a', 5 * 1024 * 1024) + "\"}";

        using var put = await client.PutAsync("/api/admin/directory", Json(huge));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, put.StatusCode);
    }

    public void Dispose() => _app.Dispose();
}
