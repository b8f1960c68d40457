using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Hotline.EndToEnd.Tests;

/// <summary>Routing through the local run with a directory the project does not ship, loaded the way an admin would.</summary>
public sealed class DirectoryLocalRunTests(LocalHostProcess host) : IClassFixture<LocalHostProcess>
{
    // A county union with two townships, a rights-protection station reached only by a rule, and an off-duty township.
    private const string Directory = """
        {
          "units": [
            { "id": "bj", "name": "北京市总工会", "parent": null, "regions": ["110000"], "kind": "province" },
            { "id": "hd", "name": "海淀区总工会", "parent": "bj", "regions": ["110108"], "kind": "district" },
            { "id": "hd-zgc", "name": "中关村街道工会", "parent": "hd", "regions": ["110108010"], "kind": "street" },
            { "id": "hd-xsq", "name": "学院路街道工会", "parent": "hd", "regions": ["110108012"], "kind": "street" },
            { "id": "hd-wq", "name": "海淀区职工维权服务站", "parent": "hd", "regions": [], "kind": "station" }
          ],
          "officers": [
            { "id": "bj-head", "name": "北京主席", "phone": "+8613700000001", "unit": "bj", "role": "head", "onDuty": true, "contactUnits": [] },
            { "id": "hd-head", "name": "海淀主席", "phone": "+8613700000011", "unit": "hd", "role": "head", "onDuty": true, "contactUnits": [] },
            { "id": "hd-h1", "name": "海淀干事", "phone": "+8613700000012", "unit": "hd", "role": "handler", "onDuty": true, "contactUnits": [] },
            { "id": "zgc-h1", "name": "中关村干事", "phone": "+8613700000021", "unit": "hd-zgc", "role": "handler", "onDuty": true, "contactUnits": [] },
            { "id": "xsq-h1", "name": "学院路干事", "phone": "+8613700000031", "unit": "hd-xsq", "role": "handler", "onDuty": false, "contactUnits": [] },
            { "id": "wq-h1", "name": "维权站干事", "phone": "+8613700000041", "unit": "hd-wq", "role": "handler", "onDuty": true, "contactUnits": [] }
          ],
          "rules": [ { "category": "wage_arrears", "regionPrefix": "110108", "unit": "hd-wq" } ]
        }
        """;

    [Theory]
    [InlineData("110108010", "labor_contract", "hd-zgc", "zgc-h1", "+86137****0021")]
    [InlineData("110108012", "labor_contract", "hd", "hd-h1", "+86137****0012")]
    [InlineData("110108010", "wage_arrears", "hd-wq", "wq-h1", "+86137****0041")]
    public async Task Reports_for_a_loaded_directory_reach_the_expected_unit_and_officer_whose_text_shows_the_ticket(
        string region, string category, string unitId, string officerId, string maskedOfficerPhone)
    {
        using var client = host.CreateClient();
        using var load = new HttpRequestMessage(HttpMethod.Put, "api/admin/directory") { Content = new StringContent(Directory, Encoding.UTF8, "application/json") };
        load.Headers.Add("x-functions-key", host.MasterKey);
        using var loaded = await client.SendAsync(load);
        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);

        using var submitted = await client.PostAsJsonAsync("api/submissions", new { description = "单位的问题一直没解决", region, category, consent = true });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var receipt = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        var ticketId = receipt.GetProperty("ticketId").GetString()!;

        var assigned = $"Case {ticketId} assigned to unit {unitId}, officer {officerId}";
        await host.WaitForAsync(
            () => host.Output.Any(l => l.Contains("[officer-task]", StringComparison.Ordinal) && l.Contains(ticketId, StringComparison.Ordinal))
                && host.Output.Any(l => l.Contains(assigned, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60),
            $"the officer's text for {ticketId} and the routing line");
        var text = host.Output.First(l => l.Contains("[officer-task]", StringComparison.Ordinal) && l.Contains(ticketId, StringComparison.Ordinal));
        Assert.Contains(maskedOfficerPhone, text, StringComparison.Ordinal);
        Assert.Contains(host.Output, l => l.Contains(assigned, StringComparison.Ordinal));
    }
}
