using System.Text.Json;
using Hotline.Cases;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Hotline.Tests.SmsInbound.TwilioWebhook;

namespace Hotline.Tests.SmsInbound;

public sealed class CallerSmsTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly HotlineApp _app = App(azurite);

    private CaseStore Cases => _app.Services.GetRequiredService<CaseStore>();

    private async Task<List<string>> RoutingMessagesAsync() =>
        [.. (await _app.Storage.CaseRouting.PeekJsonAsync()).Select(m => m.GetProperty("ticketId").GetString()!)];

    [Fact]
    public async Task A_text_without_a_place_starts_a_case_and_the_reply_asks_for_the_place()
    {
        using var client = _app.CreateClient();
        var phone = NewCallerPhone();

        var reply = await ReplyToAsync(client, phone, "工地老板拖欠我们三个月工资，一直不给");

        var ticket = TicketIn(reply);
        Assert.Contains("区县或乡镇", reply, StringComparison.Ordinal);
        var record = (await Cases.GetAsync(ticket, default))!.Value.Record;
        Assert.Equal(CaseStatus.Received, record.Status);
        Assert.Equal("sms", record.Channel);
        Assert.Equal(phone, record.Phone);
        Assert.Null(record.Region);
        Assert.Equal("wage_arrears", record.Category);

        // Routing waits for the answer (the message is queued invisible for the answer window), and the reply was
        // the caller's text: nothing else is queued for them.
        Assert.Empty(await RoutingMessagesAsync());
        Assert.DoesNotContain(await _app.Storage.SmsOutbound.PeekJsonAsync(), m => m.GetProperty("to").GetString() == phone);

        // The stalled-routing check counts from when routing was due: the answer window plus the usual grace.
        var checks = await _app.Services.GetRequiredService<Hotline.FollowUp.FollowUpIndex>()
            .GetDueAsync(Hotline.FollowUp.FollowUpIndex.RoutingCheck, _app.Clock.GetUtcNow() + TimeSpan.FromMinutes(35), 10, default);
        Assert.Equal(_app.Clock.GetUtcNow() + TimeSpan.FromMinutes(35), Assert.Single(checks, c => c.Subject == ticket).DueAt);
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task The_answer_to_the_place_question_fills_the_region_and_queues_routing_at_once()
    {
        using var client = _app.CreateClient();
        var phone = NewCallerPhone();
        var ticket = TicketIn(await ReplyToAsync(client, phone, "厂里拖欠工资两个月了"));

        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        var reply = await ReplyToAsync(client, phone, "东县");

        Assert.Equal(ticket, TicketIn(reply));
        Assert.Contains("查询码", reply, StringComparison.Ordinal);
        var record = (await Cases.GetAsync(ticket, default))!.Value.Record;
        Assert.Equal("650102", record.Region);
        Assert.Contains("东县", record.Description, StringComparison.Ordinal);
        Assert.Equal([ticket], await RoutingMessagesAsync());
        var history = await Cases.GetHistoryAsync(ticket, default);
        Assert.Equal(["received", "place-given"], history.Select(h => h.Action));

        // The place was the answer, not a new report: the next text starts a case of its own again.
        var next = TicketIn(await ReplyToAsync(client, phone, "另外公司没有给我们交社保"));
        Assert.NotEqual(ticket, next);
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task The_reply_gives_a_tracking_code_that_opens_the_status_page()
    {
        using var client = _app.CreateClient();
        var phone = NewCallerPhone();
        var ticket = TicketIn(await ReplyToAsync(client, phone, "拖欠工资"));

        var reply = await ReplyToAsync(client, phone, "650103");

        var code = System.Text.RegularExpressions.Regex.Match(reply!, "查询码([2-9A-HJKMNP-Z]{6})").Groups[1].Value;
        using var status = await client.GetAsync($"/api/submissions/{ticket}?code={code}");
        Assert.Equal(System.Net.HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("650103", (await Cases.GetAsync(ticket, default))!.Value.Record.Region);
    }

    [Fact]
    public async Task A_place_answer_after_the_case_was_routed_is_only_recorded()
    {
        using var client = _app.CreateClient();
        var phone = NewCallerPhone();
        var ticket = TicketIn(await ReplyToAsync(client, phone, "拖欠工资三个月"));
        var routed = await _app.InvokeAsync("RouteCase", $$"""{"ticketId":"{{ticket}}"}""");

        await ReplyToAsync(client, phone, "西县");

        var record = (await Cases.GetAsync(ticket, default))!.Value.Record;
        Assert.Equal(CaseStatus.Assigned, record.Status);
        Assert.Null(record.Region);
        var placeGiven = Assert.Single(await Cases.GetHistoryAsync(ticket, default), h => h.Action == "place-given");
        Assert.Contains("650103", placeGiven.Reason, StringComparison.Ordinal);
        Assert.Contains("after routing", placeGiven.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_that_names_its_place_is_routed_at_once_and_answered_with_the_receipt()
    {
        using var client = _app.CreateClient();
        var phone = NewCallerPhone();

        var reply = await ReplyToAsync(client, phone, "我在东县一个工地干活，老板拖欠三个月工资");

        var ticket = TicketIn(reply);
        Assert.Contains("查询码", reply, StringComparison.Ordinal);
        Assert.Equal("650102", (await Cases.GetAsync(ticket, default))!.Value.Record.Region);
        Assert.Equal([ticket], await RoutingMessagesAsync());
    }

    [Fact]
    public async Task The_same_MessageSid_delivered_twice_makes_one_case_and_the_same_reply()
    {
        using var client = _app.CreateClient();
        var phone = NewCallerPhone();
        var sid = NewSid();

        using var first = await TextAsync(client, phone, "公司拖欠工资", sid);
        var firstBody = await first.Content.ReadAsStringAsync();
        using var again = await TextAsync(client, phone, "公司拖欠工资", sid);

        Assert.Equal(firstBody, await again.Content.ReadAsStringAsync());
        var ticket = TicketIn(await ReplyAsync(again));
        var indexed = new List<string>();
        await foreach (var row in _app.Storage.CallerCases.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            indexed.Add(row.RowKey);
        }

        Assert.Equal([$"wage_arrears:{ticket}"], indexed);
        Assert.Single(await Cases.GetHistoryAsync(ticket, default));
    }

    [Fact]
    public async Task A_repeat_report_joins_the_open_case_and_says_so()
    {
        using var client = _app.CreateClient();
        var phone = NewCallerPhone();
        var ticket = TicketIn(await ReplyToAsync(client, phone, "我在东县工地，老板拖欠工资"));

        var reply = await ReplyToAsync(client, phone, "还是拖欠工资的事，老板电话也打不通了");

        Assert.Equal(ticket, TicketIn(reply));
        Assert.Contains("并入", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_gets_the_status_of_their_own_case_but_not_of_someone_elses()
    {
        using var client = _app.CreateClient();
        var owner = NewCallerPhone();
        var ticket = TicketIn(await ReplyToAsync(client, owner, "我在东县，公司不签劳动合同"));

        var own = await ReplyToAsync(client, owner, $"查询 {ticket.ToLowerInvariant()}");
        var other = await ReplyToAsync(client, NewCallerPhone(), $"查询 {ticket}");

        Assert.Equal($"【12351职工服务热线】工单{ticket}当前状态：已受理，正在分派。", own);
        Assert.Contains($"未找到工单{ticket}", other, StringComparison.Ordinal);
        Assert.DoesNotContain("已受理", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_English_text_gets_English_replies()
    {
        using var client = _app.CreateClient();
        var phone = NewCallerPhone();

        var asked = await ReplyToAsync(client, phone, "My boss has not paid my wages for two months");
        var ticket = TicketIn(asked);
        var status = await ReplyToAsync(client, NewCallerPhone(), $"STATUS {ticket}");
        var help = await ReplyToAsync(client, phone, "HELP");

        Assert.StartsWith("[12351 Workers' Hotline] We received your report", asked, StringComparison.Ordinal);
        Assert.Contains("county or township", asked, StringComparison.Ordinal);
        Assert.Equal("en", (await Cases.GetAsync(ticket, default))!.Value.Record.Language);
        Assert.Contains($"No ticket {ticket}", status, StringComparison.Ordinal);
        Assert.Contains("Reply STATUS <ticket>", help, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("帮助", "直接发送短信即可反映问题")]
    [InlineData("help", "Text us your problem")]
    [InlineData("3", "直接发送短信即可反映问题")]
    [InlineData("", "直接发送短信即可反映问题")]
    public async Task Help_words_ratings_without_a_survey_and_empty_texts_get_the_help_text_and_start_no_case(string body, string expected)
    {
        using var client = _app.CreateClient();

        var reply = await ReplyToAsync(client, NewCallerPhone(), body);

        Assert.Contains(expected, reply, StringComparison.Ordinal);
        Assert.Empty(await RoutingMessagesAsync());
        await foreach (var row in _app.Storage.CallerCases.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            Assert.Fail($"A case was started: {row.RowKey}");
        }
    }

    [Fact]
    public async Task Stop_stops_every_outgoing_text_and_start_restores_them()
    {
        using var client = _app.CreateClient();
        var phone = NewCallerPhone();

        var stopped = await ReplyToAsync(client, phone, "退订");
        var skipped = await _app.InvokeAsync("SendSms", Text(phone, "k:1"));
        var report = await ReplyToAsync(client, phone, "我在东县，老板拖欠工资");
        var started = await ReplyToAsync(client, phone, "START");
        var sent = await _app.InvokeAsync("SendSms", Text(phone, "k:2"));

        Assert.Contains("您已退订", stopped, StringComparison.Ordinal);
        Assert.True(skipped.Succeeded, skipped.FailureMessage);
        Assert.Contains(_app.Logs.Lines, l => l.Contains("not sent: the recipient opted out", StringComparison.Ordinal));
        Assert.Contains(TicketIn(report), report, StringComparison.Ordinal);
        Assert.Contains("You will receive our messages again", started, StringComparison.Ordinal);
        Assert.True(sent.Succeeded, sent.FailureMessage);
        var outbox = await OutboxKeysAsync();
        Assert.Equal(["k:2"], outbox);

        // The report still became a case: opting out stops the texts, not the handling. Texting a report is
        // consent to that one reply (its ticket), and to nothing queued after it.
        Assert.Single(await RoutingMessagesAsync());
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task An_opted_out_callers_new_report_is_answered_with_its_ticket_but_later_texts_stay_stopped()
    {
        using var client = _app.CreateClient();
        var phone = NewCallerPhone();
        await ReplyToAsync(client, phone, "退订");

        var report = await ReplyToAsync(client, phone, "我在东县，老板拖欠工资三个月");
        var later = await _app.InvokeAsync("SendSms", Text(phone, "k:after-report"));

        var ticket = TicketIn(report);
        Assert.Contains("查询码", report, StringComparison.Ordinal);
        Assert.NotNull(await Cases.GetAsync(ticket, default));
        Assert.True(later.Succeeded, later.FailureMessage);
        Assert.Contains(_app.Logs.Lines, l => l.Contains("not sent: the recipient opted out", StringComparison.Ordinal));
        Assert.Empty(await OutboxKeysAsync());
    }

    [Theory]
    [InlineData("？？", "发生了什么")]
    [InlineData("。。。", "发生了什么")]
    [InlineData("在吗", "发生了什么")]
    [InlineData("??", "发生了什么")]
    [InlineData("hello", "what happened")]
    public async Task A_text_with_nothing_to_act_on_is_asked_what_happened_and_the_answer_starts_the_case(string body, string expected)
    {
        using var client = _app.CreateClient();
        var phone = NewCallerPhone();

        var question = await ReplyToAsync(client, phone, body);

        Assert.Contains(expected, question, StringComparison.Ordinal);
        Assert.Empty(await RoutingMessagesAsync());
        await foreach (var row in _app.Storage.CallerCases.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            Assert.Fail($"A case was started: {row.RowKey}");
        }

        var answer = await ReplyToAsync(client, phone, "我在东县，老板拖欠工资三个月");
        Assert.Single(await RoutingMessagesAsync(), TicketIn(answer));
    }

    [Fact]
    public async Task A_caller_asked_for_the_place_already_has_a_tracking_code_and_a_status_link_that_work()
    {
        using var client = _app.CreateClient();
        var phone = NewCallerPhone();

        var reply = await ReplyToAsync(client, phone, "工地老板拖欠我们三个月工资，一直不给");

        var ticket = TicketIn(reply);
        Assert.Contains("区县或乡镇", reply, StringComparison.Ordinal);
        var link = System.Text.RegularExpressions.Regex.Match(reply!, @"https?://\S+?/status\?ticketId=\w+&(amp;)?code=(?<code>\w+)");
        Assert.True(link.Success, reply);
        Assert.Contains("查询码" + link.Groups["code"].Value, reply, StringComparison.Ordinal);
        using var status = await client.GetAsync($"/api/submissions/{ticket}?code={link.Groups["code"].Value}");
        Assert.Equal(System.Net.HttpStatusCode.OK, status.StatusCode);
    }

    private static string Text(string phone, string key) => JsonSerializer.Serialize(new
    {
        messageKey = key,
        ticketId = "K7M3QX2P",
        to = phone,
        template = "status-reply",
        language = "zh-CN",
        args = new Dictionary<string, string> { ["ticketId"] = "K7M3QX2P", ["status"] = "assigned" },
    });

    private async Task<List<string>> OutboxKeysAsync()
    {
        var options = _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hotline.Sms.SmsOptions>>();
        var table = _app.Storage.Sms.Outbox;
        await table.CreateIfNotExistsAsync();
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            keys.Add(row.GetString("MessageKey") ?? row.PartitionKey);
        }

        return keys;
    }

    public void Dispose() => _app.Dispose();
}
