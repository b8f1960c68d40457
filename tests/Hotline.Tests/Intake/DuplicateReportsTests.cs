using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Cases;
using Hotline.Intake;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Intake;

public sealed class DuplicateReportsTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly HotlineApp _app = new(azurite);

    private static async Task<JsonElement> SubmitAsync(HttpClient client, string description, string phone = "13900002222", string category = "wage_arrears")
    {
        using var response = await client.PostAsJsonAsync("/api/submissions", new { description, phone, category, region = "621124", consent = true });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_repeat_report_in_the_same_category_joins_the_open_case_and_tells_the_caller_its_ticket()
    {
        using var client = _app.CreateClient();
        var first = await SubmitAsync(client, "老板拖欠三个月工资");
        _app.Clock.Advance(TimeSpan.FromDays(2));

        var second = await SubmitAsync(client, "还是没发工资，又拖了一个月");

        var ticket = first.GetProperty("ticketId").GetString()!;
        Assert.True(second.GetProperty("merged").GetBoolean());
        Assert.Equal("merged", second.GetProperty("status").GetString());

        // Anyone can type a phone number: the answer names no ticket, the phone's owner gets it by text.
        Assert.Equal(JsonValueKind.Null, second.GetProperty("ticketId").ValueKind);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("trackingCode").ValueKind);
        var record = (await _app.Services.GetRequiredService<CaseStore>().GetAsync(ticket, default))!.Value.Record;
        Assert.Contains("老板拖欠三个月工资", record.Description, StringComparison.Ordinal);
        Assert.Contains("又拖了一个月", record.Description, StringComparison.Ordinal);

        // One routing message (one officer task); the caller hears the existing ticket id.
        Assert.Single(await _app.Storage.CaseRouting.PeekJsonAsync());
        var texts = await _app.Storage.SmsOutbound.PeekJsonAsync();
        var merged = Assert.Single(texts, t => t.GetProperty("template").GetString() == "case-merged");
        Assert.Equal(ticket, merged.GetProperty("args").GetProperty("ticketId").GetString());

        Assert.Equal("+8613900002222", merged.GetProperty("to").GetString());
        using var status = await client.GetAsync(new Uri(first.GetProperty("statusUrl").GetString()!).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);

        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task Another_category_another_phone_or_an_old_case_makes_a_new_case()
    {
        using var client = _app.CreateClient();
        var first = await SubmitAsync(client, "老板拖欠三个月工资");
        var ticket = first.GetProperty("ticketId").GetString();

        var otherCategory = await SubmitAsync(client, "单位不给交社保", category: "social_insurance");
        var otherPhone = await SubmitAsync(client, "老板拖欠三个月工资", phone: "13900003333");
        _app.Clock.Advance(TimeSpan.FromDays(8));
        var later = await SubmitAsync(client, "老板拖欠三个月工资");

        Assert.NotEqual(ticket, otherCategory.GetProperty("ticketId").GetString());
        Assert.NotEqual(ticket, otherPhone.GetProperty("ticketId").GetString());
        Assert.NotEqual(ticket, later.GetProperty("ticketId").GetString());
        Assert.Equal(4, (await _app.Storage.CaseRouting.PeekJsonAsync()).Count);
    }

    [Fact]
    public async Task A_repeat_with_the_same_idempotency_key_after_a_merge_answers_merged_again_and_appends_once()
    {
        using var client = _app.CreateClient();
        var first = await SubmitAsync(client, "老板拖欠三个月工资");
        async Task<JsonElement> PostWithKey()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/submissions")
            {
                Content = JsonContent.Create(new { description = "工资还没发", phone = "13900002222", category = "wage_arrears", consent = true }),
            };
            request.Headers.Add("Idempotency-Key", "merge-1");
            using var response = await client.SendAsync(request);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        var a = await PostWithKey();
        var b = await PostWithKey();

        Assert.True(a.GetProperty("merged").GetBoolean());
        Assert.True(b.GetProperty("merged").GetBoolean());
        var record = (await _app.Services.GetRequiredService<CaseStore>().GetAsync(first.GetProperty("ticketId").GetString()!, default))!.Value.Record;
        Assert.Equal(1, record.Description.Split("工资还没发").Length - 1);
    }

    [Fact]
    public async Task A_case_merged_hundreds_of_times_stays_inside_the_table_service_limits_and_keeps_its_first_code()
    {
        // Azurite accepts entities the service refuses, so the limits are measured here: a string property holds
        // 64 KiB (UTF-16), an entity 1 MiB, 255 properties. Before the bound, every merge added a code hash for good.
        using var client = _app.CreateClient();
        var first = await SubmitAsync(client, "老板拖欠三个月工资");
        var ticket = first.GetProperty("ticketId").GetString()!;
        var duplicates = _app.Services.GetRequiredService<DuplicateReports>();
        var report = "还是没发工资。" + new string('欠', 1500);
        async Task<long> MergeAsync(int times)
        {
            for (var i = 0; i < times; i++)
            {
                var merged = await duplicates.TryMergeAsync("+8613900002222", "wage_arrears", report, "api", TrackingCode.New(), ownTicketId: null, default);
                Assert.Equal(ticket, merged?.TicketId);
            }

            var entity = (await _app.Storage.Cases.FindAsync(ticket, "case"))!;
            TableServiceLimits.AssertWithin(entity);
            return TableServiceLimits.EstimatedSize(entity);
        }

        var afterHundred = await MergeAsync(100);
        var afterTwoHundred = await MergeAsync(100);

        // Growth stops: what one more merge adds is bounded, so no number of repeats reaches a limit.
        Assert.Equal(afterHundred, afterTwoHundred);
        // The status link carries the public address; the test asks the host it runs on.
        using var status = await client.GetAsync(new Uri(first.GetProperty("statusUrl").GetString()!).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        using var more = await client.PostAsJsonAsync("/api/submissions", new { description = "工资还是没发", phone = "13900002222", category = "wage_arrears", consent = true });
        Assert.Equal(HttpStatusCode.Accepted, more.StatusCode);
    }

    public void Dispose() => _app.Dispose();
}
