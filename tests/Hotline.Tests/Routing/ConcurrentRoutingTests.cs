using System.Net;
using Hotline.Intake;
using Hotline.Routing;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Routing;

public sealed class ConcurrentRoutingTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly HotlineApp _app = new(azurite, new Dictionary<string, string?>
    {
        ["Hotline:Routing:DirectoryPath"] = TestDirectory.WriteToTempFile(),
    });

    [Fact]
    public async Task Two_hundred_cases_arriving_at_once_for_one_unit_leave_handler_loads_differing_by_at_most_one()
    {
        var intake = _app.Services.GetRequiredService<CaseIntake>();
        var tickets = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var outcome = await intake.SubmitAsync(
                new Submission($"第{i}号：工资拖欠", null, null, "650102", "wage_arrears", null, null, "zh-CN"), "api", null, default);
            tickets.Add(outcome.TicketId);
        }

        using var gate = new SemaphoreSlim(24); // the host's default per-instance queue concurrency (batchSize 16 + 8)
        var statuses = await Task.WhenAll(tickets.Select(async ticket =>
        {
            await gate.WaitAsync();
            try
            {
                var response = await _app.InvokeAsync("RouteCase", $$"""{"ticketId":"{{ticket}}"}""");
                return response;
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.All(statuses, s => Assert.True(s.Succeeded, s.FailureMessage));
        var loads = await _app.Services.GetRequiredService<OfficerLoadStore>().GetCountsAsync("east", default);
        Assert.Equal(200, loads.Values.Sum());
        Assert.True(loads.Values.Max() - loads.Values.Min() <= 1, $"loads: {string.Join(", ", loads.Select(l => $"{l.Key}={l.Value}"))}");
    }

    public void Dispose() => _app.Dispose();
}
