using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Callback;
using Hotline.Cases;
using Hotline.Officers;
using Hotline.Routing;
using Hotline.Routing.Directory;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Ledger;

/// <summary>
/// GET /api/admin/ledger.csv through the real pipeline, cases made by the real steps (submission, routing, the
/// officer's actions, the survey). The test clock starts at 2026-11-23 10:00 China time.
/// </summary>
public sealed class LedgerTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private static readonly string[] ChineseHeaders =
    [
        "工单号", "受理时间", "渠道", "诉求类别", "优先级", "地区代码", "承办单位代码", "承办单位", "承办人编号", "状态", "复杂程度",
        "派单时间", "签收时限", "签收时间", "按时签收", "办结时限", "办结时间", "按时办结", "结案时间", "满意度评分", "评价时间",
        "重办次数", "转办次数", "并单数", "已脱敏", "诉求摘要",
    ];

    private readonly HotlineApp _app = new(azurite, new Dictionary<string, string?>
    {
        ["Hotline:Routing:DirectoryPath"] = TestDirectory.WriteToTempFile(),
    });

    private OfficerCaseActions Actions => _app.Services.GetRequiredService<OfficerCaseActions>();

    [Fact]
    public async Task The_ledger_is_utf8_with_a_bom_and_chinese_headers_and_a_row_per_case_with_its_outcome()
    {
        using var client = _app.CreateClient();
        var onTime = await SubmitAndRouteAsync(client, "650102", "13900001111", "我叫张伟，电话13900001111，工地老板拖欠我们三个月工资。", name: "张伟");
        var late = await SubmitAndRouteAsync(client, "650102", "13900002222", "公司不签劳动合同", category: "labor_contract");
        var merged = await SubmitAndRouteAsync(client, "650102", "13900003333", "老板欠薪不还", category: "wage_arrears");
        await RepeatAsync(client, "650102", "13900003333", "我们又去要了一次，还是没给", "wage_arrears");
        await RepeatAsync(client, "650102", "13900003333", "第三次反映", "wage_arrears");
        var transferred = await SubmitAndRouteAsync(client, "650102", "13900004444", "社保没有缴纳", category: "social_insurance");
        var reopened = await SubmitAndRouteAsync(client, "650102", "13900005555", "工伤认定没人管", category: "work_injury");

        var head = await OfficerAsync("east-head");
        Assert.True((await Actions.AcknowledgeAsync(head, onTime, default)).IsDone);
        Assert.True((await Actions.ResolveAsync(head, onTime, "已协调发放工资", default)).IsDone);
        Assert.True((await Actions.ResolveAsync(head, reopened, "已转人社部门", default)).IsDone);
        Assert.True((await Actions.TransferAsync(head, transferred, "city", "属市级管辖", default)).IsDone);
        Assert.NotNull(await RateAsync(onTime, 5));
        Assert.NotNull(await RateAsync(reopened, 2));

        // Five hours on: the late case's acknowledgement (4 h) is overdue, then it is acknowledged, and resolved after its 7 days.
        _app.Clock.Advance(TimeSpan.FromHours(5));
        Assert.True((await Actions.AcknowledgeAsync(head, late, default)).IsDone);
        _app.Clock.Advance(TimeSpan.FromDays(7));
        Assert.True((await Actions.ResolveAsync(head, late, "已调解", default)).IsDone);

        var ledger = await GetLedgerAsync(client, "?from=2026-11-23&to=2026-11-23");

        Assert.Equal(ChineseHeaders, ledger.Headers);
        // Received at one instant (the test clock stands still): in ticket order.
        Assert.Equal(new[] { onTime, late, merged, transferred, reopened }.Order(StringComparer.Ordinal), ledger.Rows.Select(r => r["工单号"]));

        var a = ledger.Row(onTime);
        Assert.Equal(("api", "wage_arrears", "normal", "650102", "east", "东县总工会"), (a["渠道"], a["诉求类别"], a["优先级"], a["地区代码"], a["承办单位代码"], a["承办单位"]));
        Assert.Equal(("closed", "是", "是", "5", "0", "否"), (a["状态"], a["按时签收"], a["按时办结"], a["满意度评分"], a["重办次数"], a["已脱敏"]));
        Assert.Equal("2026-11-23 10:00:00", a["受理时间"]);
        Assert.Equal("2026-11-23 14:00:00", a["签收时限"]);
        Assert.Equal("2026-11-30 10:00:00", a["办结时限"]);
        Assert.All(new[] { "派单时间", "签收时间", "办结时间", "结案时间", "评价时间" }, c => Assert.Equal("2026-11-23 10:00:00", a[c]));
        Assert.StartsWith("east-h", a["承办人编号"], StringComparison.Ordinal);

        // The summary is short, and the caller's name and phone are masked in it; no column holds them.
        Assert.Equal("我叫**，电话***********，工…", a["诉求摘要"]);
        Assert.DoesNotContain(ledger.Rows.SelectMany(r => r.Values), v => v.Contains("张伟", StringComparison.Ordinal) || v.Contains("1390000", StringComparison.Ordinal));

        var b = ledger.Row(late);
        Assert.Equal(("resolved", "否", "否", "2026-11-23 15:00:00", "2026-11-30 15:00:00"), (b["状态"], b["按时签收"], b["按时办结"], b["签收时间"], b["办结时间"]));
        Assert.Equal("", b["满意度评分"]);

        var c = ledger.Row(merged);
        Assert.Equal(("2", "否", "否", ""), (c["并单数"], c["按时签收"], c["按时办结"], c["签收时间"]));
        Assert.Equal("老板欠薪不还", c["诉求摘要"]);

        var d = ledger.Row(transferred);
        Assert.Equal(("1", "city", "测试市总工会", "city-h1"), (d["转办次数"], d["承办单位代码"], d["承办单位"], d["承办人编号"]));

        var e = ledger.Row(reopened);
        Assert.Equal(("assigned", "1", "2", ""), (e["状态"], e["重办次数"], e["满意度评分"], e["办结时间"]));
        Assert.All(ledger.Rows.Where(r => r["工单号"] != transferred), r => Assert.Equal("0", r["转办次数"]));
    }

    [Fact]
    public async Task The_range_is_of_china_days_and_a_unit_includes_its_sub_units()
    {
        using var client = _app.CreateClient();

        // 23:30 China time on the 23rd is still the 23rd; an hour later it is the 24th.
        _app.Clock.Advance(TimeSpan.FromHours(13.5));
        var lateOn23 = await SubmitAndRouteAsync(client, "650102", "13900006666", "拖欠工资");
        var city = await SubmitAndRouteAsync(client, "650100", "13900007777", "拖欠工资");
        _app.Clock.Advance(TimeSpan.FromHours(1));
        var on24 = await SubmitAndRouteAsync(client, "650102", "13900008888", "拖欠工资");

        Assert.Equal(new[] { lateOn23, city }.Order(StringComparer.Ordinal), Tickets(await GetLedgerAsync(client, "?from=2026-11-23&to=2026-11-23")));
        Assert.Equal([on24], Tickets(await GetLedgerAsync(client, "?from=2026-11-24&to=2026-11-24")));
        string[] all = [.. new[] { lateOn23, city }.Order(StringComparer.Ordinal), on24];
        Assert.Equal(all, Tickets(await GetLedgerAsync(client, "?from=2026-11-22&to=2026-11-25")));
        Assert.Equal(all, Tickets(await GetLedgerAsync(client, "?from=2026-11-23&to=2026-11-24&unit=city")));
        Assert.Equal([lateOn23, on24], Tickets(await GetLedgerAsync(client, "?from=2026-11-23&to=2026-11-24&unit=east")));
        Assert.Empty(Tickets(await GetLedgerAsync(client, "?from=2026-11-23&to=2026-11-24&unit=west")));

        // Without a range: the 30 days up to today (China time, the 24th now).
        Assert.Equal(all, Tickets(await GetLedgerAsync(client, "")));
        Assert.Empty(Tickets(await GetLedgerAsync(client, "?to=2026-11-22")));
        Assert.Empty(Tickets(await GetLedgerAsync(client, "?from=2026-11-25&to=2026-11-30")));
    }

    [Theory]
    [InlineData("?from=2026-13-01", "from")]
    [InlineData("?from=23.11.2026", "from")]
    [InlineData("?to=yesterday", "to")]
    [InlineData("?from=2026-11-24&to=2026-11-23", "from")]
    [InlineData("?from=2025-11-01&to=2026-11-23", "to")]
    [InlineData("?unit=nowhere", "unit")]
    [InlineData("?from=2026-11-01&from=2026-11-02", "from")]
    public async Task A_bad_range_or_an_unknown_unit_is_a_400_problem_naming_the_parameter(string query, string parameter)
    {
        using var client = _app.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/admin/ledger.csv" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task Without_the_admin_key_the_ledger_is_401()
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Remove("x-functions-key");

        using var response = await client.GetAsync(new Uri("/api/admin/ledger.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Caller_text_a_spreadsheet_would_run_as_a_formula_is_escaped()
    {
        using var client = _app.CreateClient();
        var formula = await SubmitAsync(client, "650102", "13900009999", "=HYPERLINK(\"x.test\")");
        var plus = await SubmitAsync(client, "650102", "13900009998", "+拖欠工资");
        var at = await SubmitAsync(client, "650102", "13900009997", "@SUM(1)");

        var ledger = await GetLedgerAsync(client, "?from=2026-11-23&to=2026-11-23");

        Assert.Equal("'=HYPERLINK(\"x.test\")", ledger.Row(formula)["诉求摘要"]);
        Assert.Equal("'+拖欠工资", ledger.Row(plus)["诉求摘要"]);
        Assert.Equal("'@SUM(1)", ledger.Row(at)["诉求摘要"]);
    }

    private static string[] Tickets(LedgerCsvFile ledger) => [.. ledger.Rows.Select(r => r["工单号"])];

    internal static async Task<LedgerCsvFile> GetLedgerAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync(new Uri("/api/admin/ledger.csv" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        return LedgerCsvFile.Parse(await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<UnionOfficer> OfficerAsync(string id) =>
        (await _app.Services.GetRequiredService<DirectoryProvider>().GetAsync(default)).FindOfficer(id)!;

    /// <summary>The caller's answer to the callback survey, as the SMS handler applies it.</summary>
    private async Task<CaseRecord?> RateAsync(string ticket, int rating)
    {
        var record = (await _app.Services.GetRequiredService<CaseStore>().GetAsync(ticket, default))!.Value.Record;
        return await _app.Services.GetRequiredService<SurveyCaseChanges>().ApplyRatingAsync(ticket, SurveyRound.Of(record)!, rating, default);
    }

    private static async Task<string> SubmitAsync(HttpClient client, string region, string phone, string description, string? category = null, string? name = null)
    {
        using var submitted = await client.PostAsJsonAsync("/api/submissions", new { description, region, phone, category, name, consent = true });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        return (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticketId").GetString()!;
    }

    /// <summary>A repeat report of the same phone and category while the case is open: merged (并单), no ticket of its own.</summary>
    private static async Task RepeatAsync(HttpClient client, string region, string phone, string description, string category)
    {
        using var submitted = await client.PostAsJsonAsync("/api/submissions", new { description, region, phone, category, consent = true });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        Assert.True((await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("merged").GetBoolean());
    }

    private async Task<string> SubmitAndRouteAsync(HttpClient client, string region, string phone, string description, string? category = null, string? name = null)
    {
        var ticket = await SubmitAsync(client, region, phone, description, category, name);
        var routed = await _app.InvokeAsync("RouteCase", $$"""{"ticketId":"{{ticket}}"}""");
        Assert.True(routed.Succeeded, routed.FailureMessage);
        return ticket;
    }

    public void Dispose() => _app.Dispose();
}
