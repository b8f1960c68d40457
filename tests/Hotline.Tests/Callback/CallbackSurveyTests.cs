using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Callback;
using Hotline.Cases;
using Hotline.FollowUp;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Hotline.Tests.SmsInbound.TwilioWebhook;

namespace Hotline.Tests.Callback;

/// <summary>
/// The callback survey (回访) end to end in the worker: a report, routing, the officer's resolve by text, the clock
/// moved a day, the due-check loop, and the caller's signed answer.
/// </summary>
public sealed class CallbackSurveyTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    // TestDirectory: east has two handlers on duty and a head.
    private const string EastHead = "+8613900009011";

    private static readonly Dictionary<string, string> HandlerPhones = new()
    {
        ["east-h1"] = "+8613900009012",
        ["east-h2"] = "+8613900009013",
    };

    private readonly HotlineApp _app = App(azurite);

    private CaseStore Cases => _app.Services.GetRequiredService<CaseStore>();

    private async Task<CaseRecord> CaseAsync(string ticket) => (await Cases.GetAsync(ticket, default))!.Value.Record;

    /// <summary>A case reported on the web in the east county, routed, and resolved by its officer's text.</summary>
    private async Task<string> ResolvedCaseAsync(HttpClient client, string? phone, string category = "wage_arrears", string language = "zh-CN")
    {
        var fields = new Dictionary<string, object> { ["description"] = "工地拖欠三个月工资", ["region"] = "650102", ["category"] = category, ["language"] = language, ["consent"] = true };
        if (phone is not null)
        {
            fields["phone"] = phone;
        }

        using var submitted = await client.PostAsJsonAsync("/api/submissions", fields);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var ticket = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticketId").GetString()!;
        var routed = await _app.InvokeAsync("RouteCase", $$"""{"ticketId":"{{ticket}}"}""");
        Assert.True(routed.Succeeded, routed.FailureMessage);

        var done = await ReplyToAsync(client, HandlerPhones[(await CaseAsync(ticket)).OfficerId!], $"办结 {ticket} 已协调企业发放全部欠薪");
        Assert.Contains("已办结", done, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Resolved, (await CaseAsync(ticket)).Status);
        return ticket;
    }

    /// <summary>The texts queued since the last call (taken off the queue, so the next call sees only newer ones).</summary>
    private Task<List<JsonElement>> NewTextsAsync() => _app.Storage.SmsOutbound.ReceiveAllJsonAsync();

    private static List<JsonElement> Surveys(IEnumerable<JsonElement> texts) =>
        [.. texts.Where(t => t.GetProperty("template").GetString() == "callback-survey")];

    /// <summary>A day after the resolve: the loop sends the survey, once however often it runs.</summary>
    private async Task<JsonElement> SurveyDueAsync(string ticket, string phone, string language = "zh-CN")
    {
        await NewTextsAsync();
        _app.Clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1));
        await _app.RunFollowUpsAsync();
        Assert.Empty(Surveys(await NewTextsAsync()));

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await _app.RunFollowUpsAsync();
        await _app.RunFollowUpsAsync();
        var survey = Assert.Single(Surveys(await NewTextsAsync()));
        Assert.Equal(ticket, survey.GetProperty("ticketId").GetString());
        Assert.Equal(phone, survey.GetProperty("to").GetString());
        Assert.Equal(language, survey.GetProperty("language").GetString());
        Assert.Equal(ticket, survey.GetProperty("args").GetProperty("ticketId").GetString());
        Assert.StartsWith($"{ticket}:callback-survey:", survey.GetProperty("messageKey").GetString(), StringComparison.Ordinal);
        Assert.Equal(["resolved"], survey.GetProperty("onlyWhile").GetProperty("statuses").EnumerateArray().Select(s => s.GetString()));
        return survey;
    }

    [Fact]
    public async Task A_rating_of_5_closes_the_case_and_a_repeat_of_the_text_changes_nothing()
    {
        using var client = _app.CreateClient();
        var phone = NewCallerPhone();
        var ticket = await ResolvedCaseAsync(client, phone);
        await SurveyDueAsync(ticket, phone);

        _app.Clock.Advance(TimeSpan.FromHours(3));
        var sid = NewSid();
        var reply = await ReplyToAsync(client, phone, "5", sid);

        Assert.Equal($"【12351职工服务热线】感谢您的评价，工单{ticket}已结案。", reply);
        var closed = await CaseAsync(ticket);
        Assert.Equal(CaseStatus.Closed, closed.Status);
        Assert.Equal(_app.Clock.GetUtcNow(), closed.ClosedAt);
        Assert.Equal(5, closed.Rating);
        Assert.Equal(_app.Clock.GetUtcNow(), closed.RatedAt);
        var last = (await Cases.GetHistoryAsync(ticket, default))[^1];
        Assert.Equal(("closed", AuditEntry.CallerActor, "resolved", "closed", "rated 5"), (last.Action, last.Actor, last.FromStatus, last.ToStatus, last.Reason));

        // Twilio delivers the same text again: the same answer, no second change. A new "5" finds no survey open.
        var history = (await Cases.GetHistoryAsync(ticket, default)).Count;
        Assert.Equal(reply, await ReplyToAsync(client, phone, "5", sid));
        Assert.Contains("帮助", await ReplyToAsync(client, phone, "5"), StringComparison.Ordinal);

        // The no-reply check falls due later and finds the case closed already.
        _app.Clock.Advance(TimeSpan.FromHours(72));
        Assert.Equal(1, await _app.RunFollowUpsAsync());
        Assert.Equal(history, (await Cases.GetHistoryAsync(ticket, default)).Count);
        Assert.Empty(await NewTextsAsync());
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task A_rating_of_2_reopens_the_case_to_the_unit_tells_the_head_and_starts_a_new_acknowledgement_window()
    {
        using var client = _app.CreateClient();
        var phone = NewCallerPhone();
        var ticket = await ResolvedCaseAsync(client, phone);
        var resolvedBy = (await CaseAsync(ticket)).OfficerId;
        await SurveyDueAsync(ticket, phone);

        var sid = NewSid();
        var reply = await ReplyToAsync(client, phone, " ２ ", sid);

        Assert.Equal($"【12351职工服务热线】感谢您的反馈，工单{ticket}已重新交办，我们将继续跟进。", reply);
        var now = _app.Clock.GetUtcNow();
        var reopened = await CaseAsync(ticket);
        Assert.Equal(CaseStatus.Assigned, reopened.Status);
        Assert.Equal("east", reopened.UnitId);
        Assert.Contains(reopened.OfficerId, HandlerPhones.Keys);
        Assert.Equal(1, reopened.ReopenCount);
        Assert.Equal(2, reopened.Rating);
        Assert.Null(reopened.AcknowledgedAt);
        Assert.Null(reopened.ResolvedAt);
        Assert.Equal(now + TimeSpan.FromHours(4), reopened.AcknowledgementDueAt);
        var last = (await Cases.GetHistoryAsync(ticket, default))[^1];
        Assert.Equal(("reopened", AuditEntry.CallerActor, "resolved", "assigned"), (last.Action, last.Actor, last.FromStatus, last.ToStatus));
        Assert.StartsWith("rated 2; to east/", last.Reason, StringComparison.Ordinal);

        // The officer released at the resolve counts it again (the resolver, as both handlers had nothing open).
        Assert.Equal(resolvedBy, reopened.OfficerId);
        var loads = await _app.Services.GetRequiredService<Hotline.Routing.OfficerLoadStore>().GetCountsAsync("east", default);
        Assert.Equal(1, loads[reopened.OfficerId!]);

        var texts = await NewTextsAsync();
        var head = Assert.Single(texts, t => t.GetProperty("template").GetString() == "case-reopened");
        Assert.Equal(EastHead, head.GetProperty("to").GetString());
        Assert.Equal("2", head.GetProperty("args").GetProperty("rating").GetString());
        var task = Assert.Single(texts, t => t.GetProperty("template").GetString() == "officer-task");
        Assert.Equal(HandlerPhones[reopened.OfficerId!], task.GetProperty("to").GetString());
        var checks = await _app.Services.GetRequiredService<FollowUpIndex>().GetDueAsync(FollowUpIndex.AcknowledgementCheck, now + TimeSpan.FromHours(4), 10, default);
        Assert.Contains(checks, c => c.Subject == ticket && c.DueAt == now + TimeSpan.FromHours(4));

        // The same text again: the same answer, nothing reopened twice, no second text to the head.
        Assert.Equal(reply, await ReplyToAsync(client, phone, " ２ ", sid));
        Assert.Equal(1, (await CaseAsync(ticket)).ReopenCount);
        Assert.DoesNotContain(await NewTextsAsync(), t => t.GetProperty("template").GetString() == "case-reopened");

        // The new window runs like any assignment: the officer is reminded when it passes unacknowledged.
        _app.Clock.Advance(TimeSpan.FromHours(4));
        await _app.RunFollowUpsAsync();
        Assert.Contains(await NewTextsAsync(), t => t.GetProperty("template").GetString() == "ack-reminder");

        // Resolved again, it is surveyed again (a new round), and this time rated well.
        Assert.Contains("已办结", await ReplyToAsync(client, HandlerPhones[reopened.OfficerId!], $"办结 {ticket} 已再次督促企业补发"), StringComparison.Ordinal);
        await SurveyDueAsync(ticket, phone);
        Assert.Contains("感谢您的评价", await ReplyToAsync(client, phone, "4"), StringComparison.Ordinal);
        Assert.Equal((CaseStatus.Closed, 4, 1), ((await CaseAsync(ticket)).Status, (await CaseAsync(ticket)).Rating, (await CaseAsync(ticket)).ReopenCount));

        // The first round's no-reply check, still due, touches nothing now.
        var history = (await Cases.GetHistoryAsync(ticket, default)).Count;
        _app.Clock.Advance(TimeSpan.FromHours(72));
        await _app.RunFollowUpsAsync();
        Assert.Equal(history, (await Cases.GetHistoryAsync(ticket, default)).Count);
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task Silence_for_72_hours_closes_the_case_as_no_reply_without_a_text()
    {
        using var client = _app.CreateClient();
        var phone = NewCallerPhone();
        var ticket = await ResolvedCaseAsync(client, phone, language: "en");
        await SurveyDueAsync(ticket, phone, "en");

        _app.Clock.Advance(TimeSpan.FromHours(72) - TimeSpan.FromMinutes(1));
        await _app.RunFollowUpsAsync();
        Assert.Equal(CaseStatus.Resolved, (await CaseAsync(ticket)).Status);

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await _app.RunFollowUpsAsync());
        Assert.Equal(0, await _app.RunFollowUpsAsync());

        var closed = await CaseAsync(ticket);
        Assert.Equal(CaseStatus.Closed, closed.Status);
        Assert.Null(closed.Rating);
        var last = (await Cases.GetHistoryAsync(ticket, default))[^1];
        Assert.Equal(("closed", AuditEntry.SystemActor), (last.Action, last.Actor));
        Assert.StartsWith("no reply", last.Reason, StringComparison.Ordinal);
        Assert.Empty(await NewTextsAsync());

        // A rating after the case closed is answered with help, as any bare digit is (a digit has no language: Chinese).
        Assert.Contains("帮助", await ReplyToAsync(client, phone, "5"), StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Closed, (await CaseAsync(ticket)).Status);
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task A_caller_without_a_phone_is_closed_without_a_survey()
    {
        using var client = _app.CreateClient();
        var ticket = await ResolvedCaseAsync(client, phone: null);
        await NewTextsAsync();

        _app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.True(await _app.RunFollowUpsAsync() > 0);

        var closed = await CaseAsync(ticket);
        Assert.Equal(CaseStatus.Closed, closed.Status);
        var last = (await Cases.GetHistoryAsync(ticket, default))[^1];
        Assert.Equal(("closed", AuditEntry.SystemActor), (last.Action, last.Actor));
        Assert.Contains("no phone", last.Reason, StringComparison.Ordinal);
        Assert.Empty(Surveys(await NewTextsAsync()));
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task A_case_no_longer_resolved_when_the_survey_falls_due_gets_nothing()
    {
        using var client = _app.CreateClient();
        var phone = NewCallerPhone();
        var ticket = await ResolvedCaseAsync(client, phone);

        // Closed by other means before the day is out (an admin's correction).
        var (record, etag) = (await Cases.GetAsync(ticket, default))!.Value;
        await Cases.UpdateAsync(record with { Status = CaseStatus.Closed, ClosedAt = _app.Clock.GetUtcNow() }, etag, new AuditEntry(_app.Clock.GetUtcNow(), AuditEntry.SystemActor, "closed", record.Status, CaseStatus.Closed, "test"), default);
        var history = (await Cases.GetHistoryAsync(ticket, default)).Count;
        await NewTextsAsync();

        _app.Clock.Advance(TimeSpan.FromDays(1));
        await _app.RunFollowUpsAsync();

        Assert.Empty(await NewTextsAsync());
        Assert.Equal(history, (await Cases.GetHistoryAsync(ticket, default)).Count);
        Assert.Contains("帮助", await ReplyToAsync(client, phone, "1"), StringComparison.Ordinal);
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task A_bare_digit_rates_the_latest_survey_sent_to_the_phone()
    {
        using var client = _app.CreateClient();
        var phone = NewCallerPhone();
        var first = await ResolvedCaseAsync(client, phone, "wage_arrears");
        _app.Clock.Advance(TimeSpan.FromHours(1));
        var second = await ResolvedCaseAsync(client, phone, "social_insurance");

        _app.Clock.Advance(TimeSpan.FromDays(1));
        await _app.RunFollowUpsAsync();
        Assert.Equal(2, Surveys(await NewTextsAsync()).Count);

        var reply = await ReplyToAsync(client, phone, "五");
        Assert.Contains(second, reply, StringComparison.Ordinal);
        Assert.Equal((CaseStatus.Resolved, CaseStatus.Closed), ((await CaseAsync(first)).Status, (await CaseAsync(second)).Status));

        // The earlier survey is still open, so the next digit is its answer.
        Assert.Contains(first, await ReplyToAsync(client, phone, "3"), StringComparison.Ordinal);
        Assert.Equal((3, 5), ((await CaseAsync(first)).Rating, (await CaseAsync(second)).Rating));
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task Two_answers_at_once_rate_the_survey_once()
    {
        using var client = _app.CreateClient();
        var phone = NewCallerPhone();
        var ticket = await ResolvedCaseAsync(client, phone);
        await SurveyDueAsync(ticket, phone);

        var replies = await Task.WhenAll(ReplyToAsync(client, phone, "5"), ReplyToAsync(client, phone, "1"));

        Assert.Single(replies, r => r!.Contains("帮助", StringComparison.Ordinal));
        var history = await Cases.GetHistoryAsync(ticket, default);
        Assert.Single(history, h => h.Action is "closed" or "reopened");
        var record = await CaseAsync(ticket);
        Assert.Equal(record.Rating == 5 ? CaseStatus.Closed : CaseStatus.Assigned, record.Status);
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task A_rating_whose_delivery_stopped_part_way_is_finished_by_its_repeat_or_when_the_window_closes()
    {
        using var client = _app.CreateClient();
        var (phoneA, phoneB) = (NewCallerPhone(), NewCallerPhone());
        var ticketA = await ResolvedCaseAsync(client, phoneA);
        var ticketB = await ResolvedCaseAsync(client, phoneB);
        _app.Clock.Advance(TimeSpan.FromDays(1));
        await _app.RunFollowUpsAsync();
        Assert.Equal(2, Surveys(await NewTextsAsync()).Count);

        // Each delivery stopped after it marked its survey and before it changed the case (the process died).
        var pending = _app.Services.GetRequiredService<PendingSurveys>();
        var (sidA, sidB) = (NewSid(), NewSid());
        Assert.True(await pending.TryMarkAnsweredAsync(phoneA, Assert.Single(await pending.FindOpenAsync(phoneA, default)), sidA, 4, default));
        Assert.True(await pending.TryMarkAnsweredAsync(phoneB, Assert.Single(await pending.FindOpenAsync(phoneB, default)), sidB, 2, default));

        // Another text cannot take a survey a rating has claimed; the repeat of the claiming text finishes it.
        Assert.Contains("帮助", await ReplyToAsync(client, phoneA, "1"), StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Resolved, (await CaseAsync(ticketA)).Status);
        Assert.Contains("感谢您的评价", await ReplyToAsync(client, phoneA, "4", sidA), StringComparison.Ordinal);
        Assert.Equal((CaseStatus.Closed, 4), ((await CaseAsync(ticketA)).Status, (await CaseAsync(ticketA)).Rating));

        // Without a repeat, the rating is applied when the window runs out, rather than "no reply".
        _app.Clock.Advance(TimeSpan.FromHours(72));
        await _app.RunFollowUpsAsync();
        var reopened = await CaseAsync(ticketB);
        Assert.Equal((CaseStatus.Assigned, 1, 2), (reopened.Status, reopened.ReopenCount, reopened.Rating));
        Assert.Equal(AuditEntry.CallerActor, (await Cases.GetHistoryAsync(ticketB, default))[^1].Actor);
        Assert.Null(await pending.GetAsync(phoneB, ticketB, default));
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public void The_app_refuses_a_survey_window_out_of_range()
    {
        var builder = HotlineWorker.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Hotline:Callback:AnswerWindow"] = "00:00:00" });
        using var worker = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => worker.Services.GetRequiredService<IOptions<CallbackOptions>>().Value);

        Assert.Contains("AnswerWindow", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _app.Dispose();
}
