using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Hotline.EndToEnd.Tests;

/// <summary>The foundation's "done when", through the local run: a report in, texts out, status assigned, poison after retries.</summary>
public sealed partial class LocalRunTests(LocalHostProcess host) : IClassFixture<LocalHostProcess>
{
    private static int _callers;

    [Fact]
    public async Task A_report_gets_202_then_the_caller_and_officer_texts_appear_and_the_status_says_assigned()
    {
        using var client = host.CreateClient();

        using var response = await client.PostAsJsonAsync("api/submissions", new
        {
            description = "工地拖欠我们三个月工资，二十多个工友都没拿到钱",
            // A new caller each time: the same phone and category again would join the first case (并单).
            phone = $"1390000{Interlocked.Increment(ref _callers) % 10_000:D4}",
            region = "621124",
            consent = true,
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        var ticketId = receipt.GetProperty("ticketId").GetString()!;
        var statusUrl = receipt.GetProperty("statusUrl").GetString()!;

        // The caller gets two texts (received, assigned) and the officer one, in no fixed order: wait for the very
        // texts asserted on, not for any two.
        bool Printed(string template) => host.Output.Any(l => l.Contains($"[{template}]", StringComparison.Ordinal) && l.Contains(ticketId, StringComparison.Ordinal));
        await host.WaitForAsync(() => Printed("case-received") && Printed("officer-task"), TimeSpan.FromSeconds(60), "the caller's receipt and the officer's task");

        var status = await client.GetFromJsonAsync<JsonElement>(statusUrl);
        Assert.Equal("assigned", status.GetProperty("status").GetString());

        var outbox = host.Azurite.GetTableClient(LocalHostProcess.OutboxTable);
        var bodies = new List<string>();
        await foreach (var row in outbox.QueryAsync<TableEntity>())
        {
            bodies.Add(row.GetString("Body") ?? "");
        }

        Assert.True(bodies.Count(b => b.Contains(ticketId, StringComparison.Ordinal)) >= 2);
    }

    [Fact]
    public async Task A_message_that_always_fails_ends_in_the_poison_queue_after_max_dequeue_count_tries()
    {
        var queue = host.Azurite.GetQueueClient("case-routing");
        var poison = host.Azurite.GetQueueClient("case-routing-poison", QueueMessageEncoding.None);
        await queue.CreateIfNotExistsAsync();

        // A well-formed message for a case that does not exist: RouteCase fails every time.
        var sent = (await queue.SendMessageAsync("""{"ticketId":"ZZZZ2222"}""")).Value;

        // The handler's log lines reach the output on their own pipe, possibly after the message reached the poison
        // queue: wait for the failures counted, too.
        int Failures() => host.Output.Count(l => l.Contains("RouteCase", StringComparison.Ordinal) && l.Contains("ZZZZ2222", StringComparison.Ordinal) && l.Contains("does not exist", StringComparison.Ordinal));
        await host.WaitForAsync(() => PoisonHolds(poison, "ZZZZ2222") && Failures() >= 5, TimeSpan.FromSeconds(120), "the message in case-routing-poison after 5 failed tries");
        var attempts = host.Output.Count(l => l.Contains("Executed 'Functions.RouteCase' (Failed", StringComparison.Ordinal)
            && l.Contains(sent.MessageId, StringComparison.Ordinal));
        Assert.True(Failures() >= 5, $"expected 5 failed tries, saw {Failures()} (attempt lines {attempts})");
    }

    [Fact]
    public async Task Admin_endpoints_need_the_master_key_and_the_timer_can_be_run_on_demand()
    {
        using var client = host.CreateClient();

        using var anonymous = await client.PutAsync("api/admin/directory", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var withFunctionKey = new HttpRequestMessage(HttpMethod.Put, "api/admin/directory") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        withFunctionKey.Headers.Add("x-functions-key", host.FunctionKey);
        using var refused = await client.SendAsync(withFunctionKey);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var withMasterKey = new HttpRequestMessage(HttpMethod.Put, $"api/admin/directory?code={host.MasterKey}") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        using var validated = await client.SendAsync(withMasterKey);
        Assert.Equal(HttpStatusCode.BadRequest, validated.StatusCode);

        using var run = new HttpRequestMessage(HttpMethod.Post, "admin/functions/SweepFollowUps") { Content = new StringContent("""{"input":""}""", Encoding.UTF8, "application/json") };
        run.Headers.Add("x-functions-key", host.MasterKey);
        using var ran = await client.SendAsync(run);
        Assert.Equal(HttpStatusCode.Accepted, ran.StatusCode);
        await host.WaitForAsync(() => host.Output.Any(l => l.Contains("Executed 'Functions.SweepFollowUps' (Succeeded", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the timer run");
    }

    [Fact]
    public async Task The_web_form_is_served_at_the_root()
    {
        using var client = host.CreateClient();

        using var page = await client.GetAsync("");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/api/submissions\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_console_names_the_default_unit_for_regions_no_unit_covers_at_start()
    {
        // The demo's choice (appsettings.json): the provincial union of Gansu.
        await host.WaitForAsync(
            () => host.Output.Any(l => l.Contains("Default unit for regions no unit covers: gs", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30),
            "the default unit line");
    }

    [Fact]
    public async Task No_log_line_holds_a_whole_phone_number()
    {
        // Make sure there is something to look at: a report with a phone, routed and texted.
        await A_report_gets_202_then_the_caller_and_officer_texts_appear_and_the_status_says_assigned();

        var leaks = host.Output.Where(l => WholePhone().IsMatch(l)).ToList();
        Assert.True(leaks.Count == 0, "phone numbers in the log:\n" + string.Join('\n', leaks));
    }

    private static bool PoisonHolds(QueueClient poison, string text)
    {
        try
        {
            // Read as stored: the poison queue holds the original text, base64 as the trigger reads it.
            var messages = poison.PeekMessagesAsync(32).GetAwaiter().GetResult().Value;
            return messages.Any(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.MessageText)).Contains(text, StringComparison.Ordinal));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    // An 11-digit Chinese mobile, bare or after +86, not inside a longer run of digits.
    [GeneratedRegex(@"(?<!\d)(\+?86)?1[3-9]\d{9}(?!\d)")]
    private static partial Regex WholePhone();
}
