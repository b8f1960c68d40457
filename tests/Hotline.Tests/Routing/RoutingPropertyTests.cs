using System.Globalization;
using System.Net;
using Hotline.Cases;
using Hotline.Intake;
using Hotline.Routing;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Routing;

/// <summary>Routing random reports through the real function and storage: every case lands where the directory says it may.</summary>
public sealed class RoutingPropertyTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly HotlineApp _app = new(azurite);

    [Fact]
    public async Task Every_case_lands_on_a_unit_covering_its_region_or_an_ancestor_of_one_or_on_the_rule_unit_or_above()
    {
        var directory = _app.Services.GetRequiredService<DirectoryProvider>().Current;
        var intake = _app.Services.GetRequiredService<CaseIntake>();
        var store = _app.Services.GetRequiredService<CaseStore>();
        var random = new Random(12351);
        var regions = directory.Units.SelectMany(u => u.Regions).ToList();

        for (var i = 0; i < 80; i++)
        {
            // A code inside a known region (a deeper, unlisted level), or one the directory does not cover at all.
            var code = random.Next(10) == 0
                ? "650102"
                : Deepen(regions[random.Next(regions.Count)], random);
            var category = CaseCategory.All[random.Next(CaseCategory.All.Count)];
            var outcome = await intake.SubmitAsync(new Submission($"随机诉求 {i}", null, null, code, category, null, null, "zh-CN"), "api", null, default);
            var routed = await _app.InvokeAsync("RouteCase", $$"""{"ticketId":"{{outcome.TicketId}}"}""");
            Assert.True(routed.Succeeded, routed.FailureMessage);

            var unitId = (await store.GetAsync(outcome.TicketId, default))!.Value.Record.UnitId!;
            var target = directory.FindRule(code, category)?.UnitId
                ?? directory.FindCoveringUnit(code)?.Unit.Id
                ?? directory.Roots[0].Id;
            Assert.True(
                directory.IsSelfOrAncestor(unitId, target),
                $"{code}/{category} went to {unitId}, which is neither {target} nor above it");
        }
    }

    private static string Deepen(string region, Random random)
    {
        var significant = region.TrimEnd('0');
        var length = significant.Length <= 6 ? 9 : 12;
        var code = region.Length >= length ? region : region + new string('0', length - region.Length);
        var tail = random.Next(1, 99).ToString("D2", CultureInfo.InvariantCulture);
        return code[..^2] + tail;
    }

    public void Dispose() => _app.Dispose();
}
