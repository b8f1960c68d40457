using Hotline.Cases;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Hotline.Tests.SmsInbound.TwilioWebhook;

namespace Hotline.Tests.SmsInbound;

public sealed class OfficerSmsTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    // TestDirectory: east has two handlers on duty and a head; west's head is of another unit.
    private const string EastHead = "+8613900009011";
    private const string WestHead = "+8613900009021";

    private static readonly Dictionary<string, string> HandlerPhones = new()
    {
        ["east-h1"] = "+8613900009012",
        ["east-h2"] = "+8613900009013",
    };

    private readonly HotlineApp _app = App(azurite);

    private CaseStore Cases => _app.Services.GetRequiredService<CaseStore>();

    /// <summary>A case reported by SMS in the east county and routed there; returns its ticket and its officer's phone.</summary>
    private async Task<(string Ticket, string OfficerPhone)> RoutedCaseAsync(HttpClient client, string text = "我在东县工地干活，老板拖欠三个月工资")
    {
        var ticket = TicketIn(await ReplyToAsync(client, NewCallerPhone(), text));
        var routed = await _app.InvokeAsync("RouteCase", $$"""{"ticketId":"{{ticket}}"}""");
        var record = (await Cases.GetAsync(ticket, default))!.Value.Record;
        Assert.Equal(CaseStatus.Assigned, record.Status);
        return (ticket, HandlerPhones[record.OfficerId!]);
    }

    [Fact]
    public async Task An_officer_acknowledges_and_resolves_a_case_by_text()
    {
        using var client = _app.CreateClient();
        var (ticket, officer) = await RoutedCaseAsync(client);

        var acked = await ReplyToAsync(client, officer, $"收到 {ticket}");
        var done = await ReplyToAsync(client, officer, $"办结 {ticket} 已协调企业发放全部欠薪");

        // Resolution is due 7 days (a normal, general case) after the assignment, at 10:00 China time on the 23rd.
        Assert.Equal($"【12351职工服务热线】已签收工单{ticket}，请于11月30日 10:00前办结。", acked);
        Assert.Equal($"【12351职工服务热线】工单{ticket}已办结，办理结果将告知反映人。", done);
        var record = (await Cases.GetAsync(ticket, default))!.Value.Record;
        Assert.Equal(CaseStatus.Resolved, record.Status);
        var resolved = Assert.Single(await Cases.GetHistoryAsync(ticket, default), h => h.Action == "resolved");
        Assert.Equal("已协调企业发放全部欠薪", resolved.Reason);
        Assert.Contains(await _app.Storage.SmsOutbound.PeekJsonAsync(), m => m.GetProperty("template").GetString() == "case-resolved");
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task English_commands_get_English_confirmations()
    {
        using var client = _app.CreateClient();
        var (ticket, officer) = await RoutedCaseAsync(client);

        var acked = await ReplyToAsync(client, officer, $"ack {ticket}");
        var done = await ReplyToAsync(client, officer, $"DONE {ticket} wages paid in full");

        Assert.Equal($"[12351 Workers' Hotline] Case {ticket} acknowledged. Please resolve it by 30 Nov 10:00.", acked);
        Assert.Contains($"Case {ticket} is resolved", done, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officer_cannot_act_on_someone_elses_case_by_text()
    {
        using var client = _app.CreateClient();
        var (ticket, _) = await RoutedCaseAsync(client);

        var reply = await ReplyToAsync(client, WestHead, $"收到 {ticket}");

        Assert.Contains($"未找到工单{ticket}", reply, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Assigned, (await Cases.GetAsync(ticket, default))!.Value.Record.Status);
    }

    [Fact]
    public async Task The_unit_head_may_act_on_a_case_of_the_unit_and_a_second_ack_explains_the_state()
    {
        using var client = _app.CreateClient();
        var (ticket, _) = await RoutedCaseAsync(client);

        await ReplyToAsync(client, EastHead, $"收到{ticket}");
        var again = await ReplyToAsync(client, EastHead, $"收到 {ticket}");

        Assert.Equal(CaseStatus.Acknowledged, (await Cases.GetAsync(ticket, default))!.Value.Record.Status);
        Assert.Equal($"【12351职工服务热线】工单{ticket}当前状态：承办人已签收，正在办理。", again);
    }

    [Fact]
    public async Task Todo_lists_the_officers_open_cases_most_urgent_first()
    {
        using var client = _app.CreateClient();
        var (normal, officer) = await RoutedCaseAsync(client);
        string? urgent = null;
        for (var i = 0; i < 4 && urgent is null; i++)
        {
            // Both handlers share the load: route until the urgent case lands with the same officer.
            var (ticket, phone) = await RoutedCaseAsync(client, "我在东县，工厂拖欠我们十五名工人的工资");
            urgent = phone == officer ? ticket : null;
        }

        Assert.NotNull(urgent);
        Assert.Equal(CasePriority.Urgent, (await Cases.GetAsync(urgent, default))!.Value.Record.Priority);

        var reply = await ReplyToAsync(client, officer, "待办");

        Assert.Contains("件待办工单：", reply, StringComparison.Ordinal);
        Assert.True(reply!.IndexOf(urgent, StringComparison.Ordinal) < reply.IndexOf(normal, StringComparison.Ordinal), reply);
    }

    [Theory]
    [InlineData("你好，我们厂也拖欠工资", "回复“收到 工单号”签收")]
    [InlineData("ACK", "Reply ACK <ticket> to acknowledge")]
    public async Task Anything_else_from_an_officer_gets_the_officer_help_and_starts_no_case(string body, string expected)
    {
        using var client = _app.CreateClient();

        var reply = await ReplyToAsync(client, EastHead, body);

        Assert.Contains(expected, reply, StringComparison.Ordinal);
        Assert.Empty(await _app.Storage.CaseRouting.PeekJsonAsync());
    }

    [Fact]
    public async Task Done_without_a_note_asks_for_the_note_and_changes_nothing()
    {
        using var client = _app.CreateClient();
        var (ticket, officer) = await RoutedCaseAsync(client);

        var chinese = await ReplyToAsync(client, officer, $"办结 {ticket}");
        var english = await ReplyToAsync(client, officer, $"DONE {ticket}  ");

        Assert.Equal($"【12351职工服务热线】办结工单{ticket}需附办理结果，请回复“办结 {ticket} 办理结果”。", chinese);
        Assert.Equal($"[12351 Workers' Hotline] A note is needed to resolve case {ticket}: reply DONE {ticket} <result>.", english);
        Assert.Equal(CaseStatus.Assigned, (await Cases.GetAsync(ticket, default))!.Value.Record.Status);
    }

    public void Dispose() => _app.Dispose();
}
