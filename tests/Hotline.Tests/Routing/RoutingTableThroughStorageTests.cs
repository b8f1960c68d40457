using System.Net;
using System.Text.Json;
using Hotline.Cases;
using Hotline.Intake;
using Hotline.Routing.Directory;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Routing;

/// <summary>
/// The routing table of <see cref="CaseRouterTests"/> again, through the RouteCase function and Azurite: the same
/// directory loaded from a file, the case stored, routed by an invocation, the unit read back from the table.
/// (Officers start with no load here, so only the unit is compared; least-loaded choice has its own tests.)
/// </summary>
public sealed class RoutingTableThroughStorageTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>
{
    public static TheoryData<string, string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var row in CaseRouterTests.RuleCases)
            {
                data.Add((string)row[0], (string)row[1], (string)row[2]);
            }

            foreach (var row in CaseRouterTests.CoverageCases.Concat(CaseRouterTests.FallbackCases))
            {
                data.Add((string)row[0], CaseCategory.Employment, (string)row[1]);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_stored_case_is_routed_to_the_unit_the_rules_and_fallbacks_name(string region, string category, string expectedUnit)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hotline-routing-table-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(RoutingTestDirectory.Document(), DirectoryJsonContext.Default.DirectoryDocument));
        using var app = new HotlineApp(azurite, new Dictionary<string, string?>
        {
            ["Hotline:Routing:DirectoryPath"] = path,
            ["Hotline:Routing:DefaultUnitId"] = "c",
        });
        var outcome = await app.Services.GetRequiredService<CaseIntake>()
            .SubmitAsync(new Submission("单位的问题", null, null, region, category, null, null, "zh-CN"), "api", null, default);

        var routed = await app.InvokeAsync("RouteCase", $$"""{"ticketId":"{{outcome.TicketId}}"}""");

        Assert.True(routed.Succeeded, routed.FailureMessage);
        var record = (await app.Services.GetRequiredService<CaseStore>().GetAsync(outcome.TicketId, default))!.Value.Record;
        Assert.Equal(expectedUnit, record.UnitId);
        Assert.Equal(CaseStatus.Assigned, record.Status);
        File.Delete(path);
    }
}
