using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Officers;
using Hotline.Routing;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Bulletin;

/// <summary>The 08:00 bulletin (信息通报) to unit heads, through the follow-up loop. The test clock starts at 10:00 China time.</summary>
public sealed class DailyBulletinTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly HotlineApp _app = new(azurite, new Dictionary<string, string?>
    {
        ["Hotline:Routing:DirectoryPath"] = TestDirectory.WriteToTempFile(),
    });

    [Fact]
    public async Task Each_head_gets_the_day_of_their_unit_and_its_sub_units_at_eight_once()
    {
        using var client = _app.CreateClient();
        var resolved = await SubmitAndRouteAsync(client, "650102");
        var acknowledged = await SubmitAndRouteAsync(client, "650102");
        await SubmitAndRouteAsync(client, "650102");

        // West has no handler on duty: its case is held by the city.
        await SubmitAndRouteAsync(client, "650103");
        var actions = _app.Services.GetRequiredService<OfficerCaseActions>();
        var eastHead = (await _app.Services.GetRequiredService<DirectoryProvider>().GetAsync(default)).FindOfficer("east-head")!;
        Assert.True((await actions.AcknowledgeAsync(eastHead, acknowledged, default)).IsDone);
        Assert.True((await actions.ResolveAsync(eastHead, resolved, "已协调发放工资", default)).IsDone);

        // 07:59 on the next day: nothing yet.
        _app.Clock.Advance(TimeSpan.FromHours(21) + TimeSpan.FromMinutes(59));
        await RunLoopAsync();
        Assert.Empty(await BulletinsAsync());

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await RunLoopAsync();
        var bulletins = await BulletinsAsync();
        Assert.Equal(3, bulletins.Count);
        AssertBulletin(bulletins, "+8613900009011", "东县总工会", newCount: 3, open: 2, overdue: 1, resolvedCount: 1);
        AssertBulletin(bulletins, "+8613900009001", "测试市总工会", newCount: 4, open: 3, overdue: 2, resolvedCount: 1);
        AssertBulletin(bulletins, "+8613900009021", "西县总工会", newCount: 0, open: 0, overdue: 0, resolvedCount: 0);
        Assert.All(bulletins, b => Assert.Equal("11月24日", b.GetProperty("args").GetProperty("date").GetString()));

        // Run again the same morning: nothing more.
        await RunLoopAsync();
        Assert.Empty(await BulletinsAsync());

        // The next morning counts only that day, and the cases still open.
        _app.Clock.Advance(TimeSpan.FromDays(1));
        await RunLoopAsync();
        var next = await BulletinsAsync();
        AssertBulletin(next, "+8613900009011", "东县总工会", newCount: 0, open: 2, overdue: 1, resolvedCount: 0);
        Assert.All(next, b => Assert.Equal("11月25日", b.GetProperty("args").GetProperty("date").GetString()));
    }

    private static void AssertBulletin(List<JsonElement> bulletins, string to, string unitName, int newCount, int open, int overdue, int resolvedCount)
    {
        var bulletin = Assert.Single(bulletins, b => b.GetProperty("to").GetString() == to);
        var args = bulletin.GetProperty("args");
        Assert.Equal(
            (unitName, newCount, open, overdue, resolvedCount),
            (args.GetProperty("unitName").GetString(), Count("newCount"), Count("openCount"), Count("overdueCount"), Count("resolvedCount")));
        Assert.Equal("zh-CN", bulletin.GetProperty("language").GetString());

        int Count(string name) => int.Parse(args.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Twice: the day's run schedules the units' bulletins, which the next sweep hands out.</summary>
    private async Task RunLoopAsync()
    {
        await _app.RunFollowUpsAsync();
        await _app.RunFollowUpsAsync();
    }

    private async Task<List<JsonElement>> BulletinsAsync() =>
        (await _app.Storage.SmsOutbound.ReceiveAllJsonAsync()).Where(t => t.GetProperty("template").GetString() == "daily-bulletin").ToList();

    private async Task<string> SubmitAndRouteAsync(HttpClient client, string region)
    {
        using var submitted = await client.PostAsJsonAsync("/api/submissions", new { description = "老板拖欠工资三个月", region, consent = true });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var ticket = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticketId").GetString()!;
        var routed = await _app.InvokeAsync("RouteCase", $$"""{"ticketId":"{{ticket}}"}""");
        Assert.True(routed.Succeeded, routed.FailureMessage);
        return ticket;
    }

    public void Dispose() => _app.Dispose();
}
