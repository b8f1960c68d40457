using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Hotline.Cases;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.SmsInbound;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Hotline.Tests.Faults;

/// <summary>
/// The same request many times at once: a submission with one Idempotency-Key, an inbound text with one MessageSid.
/// Each makes one case, one routing message and one answer, however the copies interleave.
/// </summary>
public sealed class DuplicateDeliveryRaceTests(AzuriteInstance azurite, ITestOutputHelper testOutput) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly RecordingOutput _output = new(testOutput);

    private readonly HotlineApp _app = new(azurite, new Dictionary<string, string?>
    {
        ["Hotline:Routing:DirectoryPath"] = TestDirectory.WriteToTempFile(),
        ["Hotline:Routing:DefaultUnitId"] = "city",
        ["Hotline:Sms:Twilio:AuthToken"] = TwilioWebhook.AuthToken,
        ["Hotline:Sms:Twilio:WebhookBaseUrl"] = TwilioWebhook.BaseUrl,

        // Twenty posts from one address at once are a client's retries here, not a flood.
        ["Hotline:Intake:SubmissionsPerWindow"] = "1000",
    });

    [Fact]
    public async Task Twenty_concurrent_submissions_with_one_Idempotency_Key_make_one_case()
    {
        const int copies = 20;
        using var client = _app.CreateClient();
        var key = Guid.NewGuid().ToString("N");
        var body = new { description = "工地拖欠我们三个月工资", phone = "13900004321", region = "650102", consent = true };

        using var start = new SemaphoreSlim(0);
        var posts = Enumerable.Range(0, copies).Select(async _ =>
        {
            await start.WaitAsync();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/submissions") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await client.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(copies);
        var answers = await Task.WhenAll(posts);

        Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.Accepted, $"{(int)a.StatusCode} {a.Body}"));
        var tickets = answers.Select(a => JsonDocument.Parse(a.Body).RootElement.GetProperty("ticketId").GetString()!).Distinct().ToList();
        var cases = await CaseRowsAsync();
        var routing = await _app.Storage.CaseRouting.PeekJsonAsync();
        var receipts = (await _app.Storage.SmsOutbound.PeekJsonAsync()).Where(m => m.GetProperty("template").GetString() == "case-received").ToList();
        var keys = await CountAsync(_app.Storage.Idempotency);
        _output.WriteLine($"requests {copies}, 5xx 0, accepted {answers.Length}, tickets {tickets.Count}, case rows {cases.Count}, routing messages {routing.Count}, receipts queued {receipts.Count}, idempotency rows {keys}");

        var ticket = Assert.Single(tickets);
        Assert.Equal([ticket], cases);
        Assert.Equal($"{ticket}:case-received", Assert.Single(receipts.Select(r => r.GetProperty("messageKey").GetString()).Distinct()));

        // A copy that reads the case after the first stored it but before the first marked the key done queues
        // routing again (it cannot tell a copy still running from one that died): harmless, since routing a routed
        // case changes nothing. Every queued message routed, the case is assigned once.
        Assert.All(routing, m => Assert.Equal(ticket, m.GetProperty("ticketId").GetString()));
        foreach (var message in routing)
        {
            var routed = await _app.InvokeAsync("RouteCase", message.GetRawText());
            Assert.True(routed.Succeeded, routed.FailureMessage);
        }

        var history = await _app.Services.GetRequiredService<CaseStore>().GetHistoryAsync(ticket, default);
        Assert.Equal(["received", "assigned"], history.Select(h => h.Action));
        Assert.Equal(1, keys);
        PrivacyAssert.NothingSecretIn(_app.Logs.Lines.Concat(_output.Lines), ["13900004321"], [_app.Host.MasterKey, key]);
    }

    [Fact]
    public async Task Ten_concurrent_deliveries_of_one_MessageSid_make_one_case_and_one_reply()
    {
        const int copies = 10;
        using var client = _app.CreateClient();
        var sid = TwilioWebhook.NewSid();
        var phone = TwilioWebhook.NewCallerPhone();

        using var start = new SemaphoreSlim(0);
        var posts = Enumerable.Range(0, copies).Select(async _ =>
        {
            await start.WaitAsync();
            using var response = await TwilioWebhook.TextAsync(client, phone, "东县 厂里拖欠我们两个月工资", sid);
            return (response.StatusCode, Reply: response.StatusCode == HttpStatusCode.OK ? await TwilioWebhook.ReplyAsync(response) : await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(copies);
        var answers = await Task.WhenAll(posts);

        Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.OK, $"{(int)a.StatusCode} {a.Reply}"));
        var replies = answers.Where(a => a.Reply is not null).Select(a => a.Reply!).ToList();
        var cases = await CaseRowsAsync();
        var routing = await _app.Storage.CaseRouting.PeekJsonAsync();
        _output.WriteLine($"requests {copies}, 5xx 0, answered with a text {replies.Count} ({replies.Distinct().Count()} distinct), empty answers {copies - replies.Count}, case rows {cases.Count}, routing messages {routing.Count}, inbound rows {await CountAsync(_app.Storage.SmsInbound)}");

        // One delivery decided the answer; copies that came while it was being worked out got an empty reply, later
        // ones the stored answer word for word (Twilio delivers again only when it got no answer, and drops a late one).
        var reply = Assert.Single(replies.Distinct());
        var decided = _app.Logs.Entries.Where(e => e.Category == typeof(Hotline.SmsInbound.InboundSmsHandler).FullName && e.Message.StartsWith("Inbound SMS from", StringComparison.Ordinal)).ToList();
        Assert.Single(decided);
        var ticket = TwilioWebhook.TicketIn(reply);
        Assert.Equal([ticket], cases);
        Assert.Equal(ticket, Assert.Single(routing).GetProperty("ticketId").GetString());
        Assert.Equal(1, await CountAsync(_app.Storage.SmsInbound));

        // Twilio's next delivery (after its timeout) gets the stored answer, word for word.
        Assert.Equal(reply, await TwilioWebhook.ReplyToAsync(client, phone, "东县 厂里拖欠我们两个月工资", sid));
        Assert.Equal([ticket], await CaseRowsAsync());
        PrivacyAssert.NothingSecretIn(_app.Logs.Lines.Concat(_output.Lines), [phone], [_app.Host.MasterKey, TwilioWebhook.AuthToken]);
    }

    private async Task<List<string>> CaseRowsAsync()
    {
        var tickets = new List<string>();
        await foreach (var row in _app.Storage.Cases.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {"case"}")))
        {
            tickets.Add(row.PartitionKey);
        }

        return tickets;
    }

    private static async Task<int> CountAsync(TableClient table)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>())
        {
            count++;
        }

        return count;
    }

    public void Dispose() => _app.Dispose();
}
