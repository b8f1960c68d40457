using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hotline.Testing;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// The callback survey (回访) through the local run, days in seconds: the officer resolves by signed SMS, the local
/// host's clock moves a day on, the survey goes out, and the callers' signed answers close or reopen their cases;
/// the one who never answers is closed 72 hours later.
/// </summary>
public sealed class CallbackSurveyLocalRunTests(MovedClockLocalHost host) : IClassFixture<MovedClockLocalHost>
{
    private static readonly TimeSpan TextWait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_rating_of_5_closes_a_rating_of_2_reopens_and_silence_closes_after_72_hours()
    {
        using var client = host.CreateClient();
        var satisfied = await ResolvedCaseAsync(client, "13900005501");
        var dissatisfied = await ResolvedCaseAsync(client, "13900005502");
        var silent = await ResolvedCaseAsync(client, "13900005503");

        await MoveClockAsync(client, """{"advance":"P1DT2M"}""");
        foreach (var resolved in new[] { satisfied, dissatisfied, silent })
        {
            await host.WaitForAsync(() => Printed("callback-survey", resolved.Ticket), TextWait, $"the callback survey of {resolved.Ticket}");
        }

        Assert.Contains("已结案", await TextAsync(client, satisfied.Phone, "5"), StringComparison.Ordinal);
        Assert.Contains("重新交办", await TextAsync(client, dissatisfied.Phone, " ２ "), StringComparison.Ordinal);
        await host.WaitForAsync(() => Printed("case-reopened", dissatisfied.Ticket), TextWait, "the unit head's text about the reopened case");
        Assert.Equal("closed", await StatusAsync(client, satisfied));
        Assert.Equal("assigned", await StatusAsync(client, dissatisfied));
        Assert.Equal("resolved", await StatusAsync(client, silent));

        await MoveClockAsync(client, """{"advance":"PT72H"}""");
        await WaitForStatusAsync(client, silent, "closed");
        Assert.Equal("closed", await StatusAsync(client, satisfied));
        Assert.NotEqual("closed", await StatusAsync(client, dissatisfied));
    }

    private sealed record Resolved(string Ticket, string Phone, string StatusUrl);

    /// <summary>A web report, routed by the local run, resolved by its officer's signed 办结 text.</summary>
    private async Task<Resolved> ResolvedCaseAsync(HttpClient client, string phone)
    {
        using var response = await client.PostAsJsonAsync("api/submissions", new
        {
            description = "工地老板拖欠我三个月工资，一直不给",
            phone,
            region = "621124",
            consent = true,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        var ticket = receipt.GetProperty("ticketId").GetString()!;
        await host.WaitForAsync(() => Printed("officer-task", ticket), TextWait, $"the officer's task for {ticket}");

        var officerId = (await host.Azurite.GetTableClient("cases").GetEntityAsync<Azure.Data.Tables.TableEntity>(ticket, "case")).Value.GetString("OfficerId")!;
        var reply = await TextAsync(client, OfficerPhone(officerId), $"办结 {ticket} 已协调企业补发工资");
        Assert.Contains(ticket, reply, StringComparison.Ordinal);
        Assert.Contains("已办结", reply, StringComparison.Ordinal);
        return new Resolved(ticket, "+86" + phone, receipt.GetProperty("statusUrl").GetString()!);
    }

    private bool Printed(string template, string ticket) =>
        host.Output.Any(l => l.Contains($"[{template}]", StringComparison.Ordinal) && l.Contains(ticket, StringComparison.Ordinal));

    private async Task MoveClockAsync(HttpClient client, string move)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/clock") { Content = new StringContent(move, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", host.MasterKey);
        using var moved = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
    }

    /// <summary>Texts the hotline as Twilio would deliver it, signed, and returns the TwiML reply.</summary>
    private async Task<string> TextAsync(HttpClient client, string from, string body)
    {
        var fields = new Dictionary<string, string>
        {
            ["MessageSid"] = "SM" + Guid.NewGuid().ToString("N"),
            ["AccountSid"] = "AC" + new string('0', 32),
            ["From"] = from,
            ["To"] = "+12025550100",
            ["Body"] = body,
            ["NumMedia"] = "0",
        };
        var url = new Uri(host.BaseAddress, "api/sms/inbound").ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/sms/inbound") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.TryAddWithoutValidation(TwilioWebhookSigner.HeaderName, TwilioWebhookSigner.Sign(MovedClockLocalHost.TwilioAuthToken, url, fields));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> StatusAsync(HttpClient client, Resolved resolved) =>
        (await client.GetFromJsonAsync<JsonElement>(resolved.StatusUrl)).GetProperty("status").GetString()!;

    private async Task WaitForStatusAsync(HttpClient client, Resolved resolved, string status)
    {
        var deadline = DateTime.UtcNow + TextWait;
        while (await StatusAsync(client, resolved) != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{resolved.Ticket} did not become {status}:\n{string.Join('\n', host.Output.TakeLast(30))}");
            await Task.Delay(500);
        }
    }

    private static string OfficerPhone(string officerId)
    {
        using var directory = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Hotline", "Routing", "demo-directory.json")));
        return directory.RootElement.GetProperty("officers").EnumerateArray()
            .First(o => o.GetProperty("id").GetString() == officerId).GetProperty("phone").GetString()!;
    }
}
