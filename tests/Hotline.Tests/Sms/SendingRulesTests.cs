using System.Text.Json;
using Hotline.Cases;
using Hotline.Sms;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Sms;

/// <summary>
/// The rules of the sending path, through SendSms with the outbox sender: quiet hours (held at night, released through
/// the due-check loop from 08:00 China, oldest first, one a run here), OnlyWhile, and the same text to one phone within 24 h.
/// The test clock starts at 10:00 China.
/// </summary>
public sealed class SendingRulesTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private const string Phone = "+8613900001234";

    /// <summary>Every ticket id here starts so.</summary>
    private const string OurCases = "K7M3QX";

    private readonly HotlineApp _app = new(azurite, new Dictionary<string, string?>
    {
        ["Hotline:Sms:QuietHours:ReleasePerMinute"] = "1",
    });

    private CaseStore Cases => _app.Services.GetRequiredService<CaseStore>();

    /// <summary>Moves the clock forward to the next <paramref name="hour"/>:<paramref name="minute"/> China time.</summary>
    private void AdvanceToChina(int hour, int minute = 0)
    {
        var china = ChinaTime.ToChina(_app.Clock.GetUtcNow());
        var target = new DateTimeOffset(china.Date, ChinaTime.Offset) + new TimeSpan(hour, minute, 0);
        _app.Clock.Advance((target > china ? target : target.AddDays(1)) - china);
    }

    private static string Request(string key, string ticketId = "K7M3QX2P", string to = Phone, object? onlyWhile = null) => JsonSerializer.Serialize(new
    {
        messageKey = key,
        ticketId,
        to,
        template = "case-assigned",
        language = "zh-CN",
        args = new Dictionary<string, string> { ["ticketId"] = ticketId, ["unitName"] = "东县总工会" },
        onlyWhile,
    });

    [Fact]
    public async Task A_text_queued_at_23_00_China_is_held_and_goes_out_at_08_00()
    {
        AdvanceToChina(23);

        var queued = await _app.InvokeAsync("SendSms", Request("K7M3QX2P:case-assigned:east"));

        Assert.True(queued.Succeeded, queued.FailureMessage);
        Assert.Empty(await OutboxKeysAsync());
        Assert.Contains(_app.Logs.Lines, l => l.Contains("held for quiet hours", StringComparison.Ordinal));

        AdvanceToChina(7, 59);
        await _app.RunFollowUpsAsync();
        Assert.Empty(await DeliverOutboundAsync());

        AdvanceToChina(8);
        await _app.RunFollowUpsAsync();
        Assert.Equal(["K7M3QX2P:case-assigned:east"], await DeliverOutboundAsync());
        Assert.Equal(["K7M3QX2P:case-assigned:east"], await OutboxKeysAsync());
        var sent = Assert.Single(await _app.Storage.Sms.Outbox.RowsAsync());
        Assert.Equal(new TimeSpan(8, 0, 0), ChinaTime.ToChina(sent.GetDateTimeOffset("CreatedAt")!.Value).TimeOfDay);
        Assert.Empty(await _app.Storage.SmsHeld.RowsAsync());

        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task A_major_incident_case_text_at_23_00_goes_at_once()
    {
        await CreateCaseAsync("K7M3QX2M", CaseStatus.Assigned, CasePriority.MajorIncident);
        AdvanceToChina(23);

        var sent = await _app.InvokeAsync("SendSms", Request("K7M3QX2M:case-assigned:east", ticketId: "K7M3QX2M"));

        Assert.True(sent.Succeeded, sent.FailureMessage);
        Assert.Equal(["K7M3QX2M:case-assigned:east"], await OutboxKeysAsync());
        Assert.Empty(await _app.Storage.SmsHeld.RowsAsync());
    }

    [Fact]
    public async Task A_normal_case_text_at_23_00_is_held()
    {
        await CreateCaseAsync("K7M3QX2N", CaseStatus.Assigned, CasePriority.Urgent);
        AdvanceToChina(23);

        var held = await _app.InvokeAsync("SendSms", Request("K7M3QX2N:case-assigned:east", ticketId: "K7M3QX2N"));

        Assert.True(held.Succeeded, held.FailureMessage);
        Assert.Empty(await OutboxKeysAsync());
        Assert.Single(await _app.Storage.SmsHeld.RowsAsync());
    }

    [Fact]
    public async Task A_held_reminder_whose_case_was_resolved_overnight_is_dropped_at_release()
    {
        await CreateCaseAsync("K7M3QX2R", CaseStatus.Assigned, CasePriority.Normal, officerId: "o-dx-1");
        AdvanceToChina(23);
        var onlyWhile = new { statuses = new[] { CaseStatus.Assigned }, officerId = "o-dx-1" };
        var held = await _app.InvokeAsync("SendSms", Request("K7M3QX2R:ack-reminder:50", ticketId: "K7M3QX2R", onlyWhile: onlyWhile));
        Assert.True(held.Succeeded, held.FailureMessage);
        Assert.Single(await _app.Storage.SmsHeld.RowsAsync());

        AdvanceToChina(2);
        var (record, etag) = (await Cases.GetAsync("K7M3QX2R", default))!.Value;
        await Cases.UpdateAsync(record with { Status = CaseStatus.Resolved, ResolvedAt = _app.Clock.GetUtcNow() }, etag, new AuditEntry(_app.Clock.GetUtcNow(), AuditEntry.Officer("o-dx-1"), "resolve", CaseStatus.Assigned, CaseStatus.Resolved, null), default);

        AdvanceToChina(8);
        await _app.RunFollowUpsAsync();
        Assert.Equal(["K7M3QX2R:ack-reminder:50"], await DeliverOutboundAsync());

        Assert.Empty(await OutboxKeysAsync());
        Assert.Contains(_app.Logs.Lines, l => l.Contains("dropped: the case is resolved", StringComparison.Ordinal));
        Assert.Empty(await _app.Storage.SmsHeld.RowsAsync());
    }

    [Fact]
    public async Task A_text_for_a_case_now_with_another_officer_or_gone_is_dropped_at_once()
    {
        await CreateCaseAsync("K7M3QX2T", CaseStatus.Assigned, CasePriority.Normal, officerId: "o-dx-2");
        var onlyWhile = new { statuses = new[] { CaseStatus.Assigned, CaseStatus.Acknowledged }, officerId = "o-dx-1" };

        var transferred = await _app.InvokeAsync("SendSms", Request("K7M3QX2T:ack-reminder:50", ticketId: "K7M3QX2T", onlyWhile: onlyWhile));
        var gone = await _app.InvokeAsync("SendSms", Request("K7M3QX2G:ack-reminder:50", ticketId: "K7M3QX2G", onlyWhile: onlyWhile));
        var holds = await _app.InvokeAsync("SendSms", Request("K7M3QX2T:officer-task:o-dx-2", ticketId: "K7M3QX2T", onlyWhile: new { statuses = new[] { CaseStatus.Assigned }, officerId = "o-dx-2" }));

        Assert.True(transferred.Succeeded, transferred.FailureMessage);
        Assert.True(gone.Succeeded, gone.FailureMessage);
        Assert.True(holds.Succeeded, holds.FailureMessage);
        Assert.Equal(["K7M3QX2T:officer-task:o-dx-2"], await OutboxKeysAsync());
        Assert.Contains(_app.Logs.Lines, l => l.Contains("dropped: the case is with another officer", StringComparison.Ordinal));
        Assert.Contains(_app.Logs.Lines, l => l.Contains("dropped: the case is gone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Texts_held_at_23_00_and_03_00_go_out_oldest_first_one_release_a_run()
    {
        AdvanceToChina(23);
        Assert.True((await _app.InvokeAsync("SendSms", Request("K7M3QX2A:case-assigned:east", ticketId: "K7M3QX2A"))).Succeeded);
        AdvanceToChina(3);
        Assert.True((await _app.InvokeAsync("SendSms", Request("K7M3QX2B:case-assigned:east", ticketId: "K7M3QX2B"))).Succeeded);
        Assert.Equal(2, (await _app.Storage.SmsHeld.RowsAsync()).Count);

        AdvanceToChina(8);
        await _app.RunFollowUpsAsync();
        Assert.Equal(["K7M3QX2A:case-assigned:east"], await DeliverOutboundAsync());

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await _app.RunFollowUpsAsync();
        Assert.Equal(["K7M3QX2B:case-assigned:east"], await DeliverOutboundAsync());

        Assert.Equal(["K7M3QX2A:case-assigned:east", "K7M3QX2B:case-assigned:east"], await OutboxKeysAsync());
    }

    [Fact]
    public async Task A_held_text_is_released_once_when_the_loop_runs_its_handler_twice()
    {
        AdvanceToChina(23);
        var request = Request("K7M3QX2D:case-assigned:east", ticketId: "K7M3QX2D");
        Assert.True((await _app.InvokeAsync("SendSms", request)).Succeeded);

        // The queue delivered the text twice during the night: still one held text, one release.
        Assert.True((await _app.InvokeAsync("SendSms", request)).Succeeded);
        Assert.Single(await _app.Storage.SmsHeld.RowsAsync());

        AdvanceToChina(8);
        var swept = await _app.InvokeAsync("SweepFollowUps");
        Assert.True(swept.Succeeded, swept.FailureMessage);
        var message = Assert.Single(
            (await _app.Storage.DueFollowUps.ReceiveMessagesAsync(32)).Value.Select(m => m.Body.ToString()),
            m => m.Contains($"\"kind\":\"{HeldTexts.Kind}\"", StringComparison.Ordinal));

        // The follow-up delivered twice at once, then once more after it was done.
        var runs = await Task.WhenAll(_app.InvokeAsync("RunFollowUp", message), _app.InvokeAsync("RunFollowUp", message));
        Assert.All(runs, r => Assert.True(r.Succeeded, r.FailureMessage));
        Assert.True((await _app.InvokeAsync("RunFollowUp", message)).Succeeded);

        // A run that lost the release looks again later, and finds it done.
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await _app.RunFollowUpsAsync();

        Assert.Equal(["K7M3QX2D:case-assigned:east"], await DeliverOutboundAsync());
        Assert.Equal(["K7M3QX2D:case-assigned:east"], await OutboxKeysAsync());
        Assert.Empty(await _app.Storage.SmsHeld.RowsAsync());
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task A_second_identical_text_to_one_phone_within_24_h_is_suppressed_and_after_24_h_goes()
    {
        // Two keys, one text: a producer that asked twice under different keys, or two producers.
        var first = await _app.InvokeAsync("SendSms", Request("K7M3QX2S:case-assigned:east"));
        _app.Clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59));
        var second = await _app.InvokeAsync("SendSms", Request("K7M3QX2S:case-assigned:east-again"));
        var toAnotherPhone = await _app.InvokeAsync("SendSms", Request("K7M3QX2S:case-assigned:other", to: "+8613900005678"));

        Assert.True(first.Succeeded, first.FailureMessage);
        Assert.True(second.Succeeded, second.FailureMessage);
        Assert.True(toAnotherPhone.Succeeded, toAnotherPhone.FailureMessage);
        Assert.Equal(["K7M3QX2S:case-assigned:east", "K7M3QX2S:case-assigned:other"], await OutboxKeysAsync());
        Assert.Contains(_app.Logs.Lines, l => l.Contains("not sent: the same text went to this phone", StringComparison.Ordinal));
        // Counted on the first text's row of the day the second came (each text has a row in every day its window touches).
        var recent = Assert.Single(await _app.Storage.Sms.Recent.RowsAsync(), r => r.GetInt32("Suppressed") is not null);
        Assert.Equal(("K7M3QX2S:case-assigned:east", "window-2026-11-24", 1), (recent.GetString("MessageKey"), recent.PartitionKey, recent.GetInt32("Suppressed")));
        Assert.Equal("K7M3QX2S:case-assigned:east-again", recent.GetString("LastSuppressedKey"));

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        var dayLater = await _app.InvokeAsync("SendSms", Request("K7M3QX2S:case-assigned:next-day"));

        Assert.True(dayLater.Succeeded, dayLater.FailureMessage);
        Assert.Contains("K7M3QX2S:case-assigned:next-day", await OutboxKeysAsync());
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task Two_identical_texts_to_one_phone_sent_at_once_go_out_once()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => _app.InvokeAsync("SendSms", Request($"K7M3QX2C:case-assigned:{i}"))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.FailureMessage));
        Assert.Single(await OutboxKeysAsync());
        _app.AssertNoUnexpectedWarnings();
    }

    private async Task CreateCaseAsync(string ticketId, string status, string priority, string? officerId = null)
    {
        var now = _app.Clock.GetUtcNow();
        var record = new CaseRecord
        {
            TicketId = ticketId,
            TrackingCodeHash = "x",
            Status = status,
            Channel = "web",
            Description = "工资拖欠",
            Language = "zh-CN",
            ReceivedAt = now,
            Phone = Phone,
            Priority = priority,
            UnitId = "east",
            OfficerId = officerId,
        };
        await Cases.CreateAsync(record, new AuditEntry(now, AuditEntry.SystemActor, "received", null, status, null), default);
    }

    /// <summary>
    /// Runs SendSms, as the host would, on every text of this test's cases on sms-outbound (the rest, such as the
    /// 08:00 bulletin to the unit heads, is taken off unsent); returns their message keys.
    /// </summary>
    private async Task<List<string>> DeliverOutboundAsync()
    {
        var keys = new List<string>();
        for (var batch = (await _app.Storage.SmsOutbound.ReceiveMessagesAsync(32)).Value; batch.Length > 0; batch = (await _app.Storage.SmsOutbound.ReceiveMessagesAsync(32)).Value)
        {
            foreach (var message in batch)
            {
                var key = JsonDocument.Parse(message.Body.ToString()).RootElement.GetProperty("messageKey").GetString()!;
                if (key.StartsWith(OurCases, StringComparison.Ordinal))
                {
                    var run = await _app.InvokeAsync("SendSms", message.Body.ToString());
                    Assert.True(run.Succeeded, run.FailureMessage);
                    keys.Add(key);
                }

                await _app.Storage.SmsOutbound.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        return keys;
    }

    private async Task<List<string>> OutboxKeysAsync() =>
        [.. (await _app.Storage.Sms.Outbox.RowsAsync()).Select(r => r.GetString("MessageKey")!).Where(k => k.StartsWith(OurCases, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public void Dispose() => _app.Dispose();
}
