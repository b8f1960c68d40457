using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Hotline.Callback;
using Hotline.Cases;
using Hotline.Officers;
using Hotline.Retention;
using Hotline.Routing;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.Ledger;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Retention;

/// <summary>Data retention through the due-check loop, on the test clock (it starts at 2026-11-23 10:00 China time).</summary>
public sealed class RetentionTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly HotlineApp _app = new(azurite, new Dictionary<string, string?>
    {
        ["Hotline:Routing:DirectoryPath"] = TestDirectory.WriteToTempFile(),
    });

    private CaseStore Cases => _app.Services.GetRequiredService<CaseStore>();

    [Fact]
    public async Task A_case_closed_180_days_and_a_minute_ago_loses_its_personal_data_and_one_closed_179_days_ago_keeps_it()
    {
        using var client = _app.CreateClient();
        var old = await ClosedCaseAsync(client, "13900001111", "张伟");
        await SendQueuedTextsAsync();
        _app.Clock.Advance(TimeSpan.FromDays(1));
        var recent = await ClosedCaseAsync(client, "13900002222", "李娜");

        // 180 days and a minute after the first close; the second closed a day later.
        _app.Clock.Advance(TimeSpan.FromDays(179) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await _app.RunFollowUpsAsync(RetentionSchedule.Kind));

        var redacted = await RecordAsync(old);
        Assert.Equal((null, null, null, "", _app.Clock.GetUtcNow()), (redacted.Phone, redacted.Name, redacted.Employer, redacted.Description, redacted.RedactedAt));
        Assert.Equal((CaseStatus.Closed, "east", "wage_arrears", "650102", 5), (redacted.Status, redacted.UnitId, redacted.Category, redacted.Region, redacted.Rating));

        var history = await Cases.GetHistoryAsync(old, default);
        var line = history[^1];
        Assert.Equal(("redacted", AuditEntry.SystemActor, CaseStatus.Closed, CaseStatus.Closed), (line.Action, line.Actor, line.FromStatus, line.ToStatus));
        Assert.Equal("redacted after 180 days: phone, name, employer, description, notes", line.Reason);
        Assert.Equal(CaseRedaction.Marker, Assert.Single(history, h => h.Action == "resolved").Reason);
        Assert.Equal(CaseRedaction.Marker, Assert.Single(history, h => h.Action == "received").Reason);
        Assert.Contains("east", Assert.Single(history, h => h.Action == "assigned").Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(history, h => h.Reason?.Contains("工资已发放", StringComparison.Ordinal) == true);

        // The texts of the case keep their template and time, not the phone or the words; the duplicate index forgets the caller.
        var texts = await RowsAsync(_app.Storage.Sms.Outbox, old);
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.False(t.ContainsKey("To") || t.ContainsKey("ToHash") || t.ContainsKey("Body"), string.Join(",", t.Keys)));
        Assert.All(texts, t => Assert.NotNull(t.GetString("Template")));
        Assert.DoesNotContain(await AllRowsAsync(_app.Storage.CallerCases), r => r.RowKey.EndsWith(":" + old, StringComparison.Ordinal));
        Assert.Contains(await AllRowsAsync(_app.Storage.CallerCases), r => r.RowKey.EndsWith(":" + recent, StringComparison.Ordinal));

        var kept = await RecordAsync(recent);
        Assert.Equal(("+8613900002222", "李娜", "某建筑公司", (DateTimeOffset?)null), (kept.Phone, kept.Name, kept.Employer, kept.RedactedAt));
        Assert.Contains("工地拖欠工资", kept.Description, StringComparison.Ordinal);

        // The ledger still lists it, with every column that is not personal.
        var ledger = await LedgerTests.GetLedgerAsync(client, "?from=2026-11-23&to=2026-11-24");
        var row = ledger.Row(old);
        Assert.Equal(("closed", "east", "东县总工会", "wage_arrears", "5", "是", "是", "是", ""), (row["状态"], row["承办单位代码"], row["承办单位"], row["诉求类别"], row["满意度评分"], row["按时签收"], row["按时办结"], row["已脱敏"], row["诉求摘要"]));
        Assert.Equal("2026-11-23 10:00:00", row["结案时间"]);
        Assert.Equal("否", ledger.Row(recent)["已脱敏"]);
        Assert.StartsWith("工地拖欠工资，我是**，电话", ledger.Row(recent)["诉求摘要"], StringComparison.Ordinal);

        // A day later the second one goes too; running the loop or the redaction again changes nothing.
        _app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await _app.RunFollowUpsAsync(RetentionSchedule.Kind));
        Assert.Null((await RecordAsync(recent)).Phone);
        Assert.Equal(0, await _app.RunFollowUpsAsync(RetentionSchedule.Kind));
        Assert.Equal(RedactionOutcome.AlreadyRedacted, await _app.Services.GetRequiredService<CaseRedaction>().RedactAsync(old, default));
        Assert.Equal(history.Count, (await Cases.GetHistoryAsync(old, default)).Count);
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task An_open_case_is_never_redacted_nor_one_reopened_after_its_close()
    {
        using var client = _app.CreateClient();
        var open = await SubmitAndRouteAsync(client, "13900003333", "王强");
        var reopened = await ClosedCaseAsync(client, "13900004444", "赵敏");

        // Opened again after its close (as an admin would): the redaction already scheduled finds it open and leaves it.
        var (record, etag) = (await Cases.GetAsync(reopened, default))!.Value;
        var now = _app.Clock.GetUtcNow();
        await Cases.UpdateAsync(record with { Status = CaseStatus.Assigned, ClosedAt = null, ReopenCount = 1 }, etag, new AuditEntry(now, AuditEntry.SystemActor, "reopened", CaseStatus.Closed, CaseStatus.Assigned, "test"), default);

        _app.Clock.Advance(TimeSpan.FromDays(400));
        Assert.Equal(1, await _app.RunFollowUpsAsync(RetentionSchedule.Kind));

        Assert.Equal(("+8613900003333", "王强", (DateTimeOffset?)null), ((await RecordAsync(open)).Phone, (await RecordAsync(open)).Name, (await RecordAsync(open)).RedactedAt));
        Assert.Equal(("+8613900004444", "赵敏", (DateTimeOffset?)null), ((await RecordAsync(reopened)).Phone, (await RecordAsync(reopened)).Name, (await RecordAsync(reopened)).RedactedAt));
        Assert.Equal(RedactionOutcome.NotClosed, await _app.Services.GetRequiredService<CaseRedaction>().RedactAsync(open, default));
        Assert.DoesNotContain(await Cases.GetHistoryAsync(reopened, default), h => h.Action == "redacted");
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task A_longer_period_moves_a_redaction_that_fell_due_under_the_shorter_one()
    {
        using var client = _app.CreateClient();
        var ticket = await ClosedCaseAsync(client, "13900005555", "孙丽");
        _app.Clock.Advance(TimeSpan.FromDays(181));
        var longer = new CaseRedaction(
            Cases,
            _app.Storage,
            _app.Services.GetRequiredService<Hotline.Sms.Phones.PhoneHash>(),
            new RetentionSchedule(_app.Services.GetRequiredService<Hotline.FollowUp.FollowUpIndex>(), Microsoft.Extensions.Options.Options.Create(new RetentionOptions { KeepClosedFor = TimeSpan.FromDays(365) })),
            Microsoft.Extensions.Options.Options.Create(new RetentionOptions { KeepClosedFor = TimeSpan.FromDays(365) }),
            _app.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<CaseRedaction>.Instance);

        Assert.Equal(RedactionOutcome.NotYetDue, await longer.RedactAsync(ticket, default));

        Assert.NotNull((await RecordAsync(ticket)).Phone);
        var closedAt = (await RecordAsync(ticket)).ClosedAt!.Value;
        var rows = await AllRowsAsync(_app.Storage.FollowUps);
        Assert.Contains(rows, r => r.PartitionKey == RetentionSchedule.Kind && r.GetString("Subject") == ticket && r.GetDateTimeOffset("DueAt") == closedAt + TimeSpan.FromDays(365));
    }

    [Theory]
    [InlineData("00:10:00")]
    [InlineData("4000.00:00:00")]
    public void A_retention_period_out_of_range_stops_the_app_at_start(string period)
    {
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => Options(period));
        Assert.Contains("KeepClosedFor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_period_is_180_days() => Assert.Equal(TimeSpan.FromDays(180), Options(null).KeepClosedFor);

    private static RetentionOptions Options(string? period)
    {
        var builder = HotlineWorker.CreateBuilder([]);
        if (period is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Hotline:Retention:KeepClosedFor"] = period });
        }

        using var worker = builder.Build();
        return worker.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RetentionOptions>>().Value;
    }

    /// <summary>Submitted (with name, employer and the phone in the text), routed, resolved with a note and rated 5: closed now.</summary>
    private async Task<string> ClosedCaseAsync(HttpClient client, string phone, string name)
    {
        var ticket = await SubmitAndRouteAsync(client, phone, name);
        var head = (await _app.Services.GetRequiredService<DirectoryProvider>().GetAsync(default)).FindOfficer("east-head")!;
        Assert.True((await _app.Services.GetRequiredService<OfficerCaseActions>().ResolveAsync(head, ticket, $"工资已发放，已电话联系{name}", default)).IsDone);
        var record = await RecordAsync(ticket);
        Assert.NotNull(await _app.Services.GetRequiredService<SurveyCaseChanges>().ApplyRatingAsync(ticket, SurveyRound.Of(record)!, 5, default));
        Assert.Equal(CaseStatus.Closed, (await RecordAsync(ticket)).Status);
        return ticket;
    }

    private async Task<string> SubmitAndRouteAsync(HttpClient client, string phone, string name)
    {
        using var submitted = await client.PostAsJsonAsync("/api/submissions", new { description = $"工地拖欠工资，我是{name}，电话{phone}", region = "650102", phone, name, employer = "某建筑公司", category = "wage_arrears", consent = true });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var ticket = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticketId").GetString()!;
        var routed = await _app.InvokeAsync("RouteCase", $$"""{"ticketId":"{{ticket}}"}""");
        Assert.True(routed.Succeeded, routed.FailureMessage);
        return ticket;
    }

    private async Task SendQueuedTextsAsync()
    {
        foreach (var text in await _app.Storage.SmsOutbound.ReceiveAllJsonAsync())
        {
            var sent = await _app.InvokeAsync("SendSms", text.GetRawText());
            Assert.True(sent.Succeeded, sent.FailureMessage);
        }
    }

    private async Task<CaseRecord> RecordAsync(string ticket) => (await Cases.GetAsync(ticket, default))!.Value.Record;

    private static async Task<List<TableEntity>> RowsAsync(TableClient table, string ticket) =>
        await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {ticket + ":"} and PartitionKey lt {ticket + ";"}")).ToListAsync();

    private static async Task<List<TableEntity>> AllRowsAsync(TableClient table) => await table.QueryAsync<TableEntity>().ToListAsync();

    public void Dispose() => _app.Dispose();
}
