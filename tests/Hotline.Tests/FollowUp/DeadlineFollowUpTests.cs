using System.Globalization;
using System.Text.Json;
using Hotline.Cases;
using Hotline.FollowUp;
using Hotline.Officers;
using Hotline.Routing;
using Hotline.Sms.Templates;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.FollowUp;

/// <summary>
/// The chase of due times (SPEC "Follow-up") through the real loop: the test clock moves to each stage of each window,
/// and the texts queued on sms-outbound (template, phone, args, key, condition) are exactly those the stage owes.
/// </summary>
public sealed class DeadlineFollowUpTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private const string EastH1 = "+8613900009012";
    private const string EastHead = "+8613900009011";
    private const string CityHead = "+8613900009001";
    private const string CityContact = "+8613900009003";
    private const string CityH1 = "+8613900009002";

    private readonly HotlineApp _app = new(azurite, new Dictionary<string, string?>
    {
        ["Hotline:Routing:DirectoryPath"] = DeadlineTestDirectory.WriteToTempFile(),
    });

    private DateTimeOffset Start { get; } = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string?, TimeSpan, TimeSpan> Windows => new()
    {
        { CasePriority.Normal, null, TimeSpan.FromHours(4), TimeSpan.FromDays(7) },
        { CasePriority.Normal, CaseComplexity.Difficult, TimeSpan.FromHours(4), TimeSpan.FromDays(15) },
        { CasePriority.Normal, CaseComplexity.VeryComplex, TimeSpan.FromHours(4), TimeSpan.FromDays(30) },
        { CasePriority.Urgent, CaseComplexity.VeryComplex, TimeSpan.FromHours(1), TimeSpan.FromDays(3) },
        { CasePriority.MajorIncident, null, TimeSpan.FromMinutes(15), TimeSpan.FromHours(24) },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public async Task Every_stage_of_both_windows_texts_exactly_its_recipients_at_its_time(string priority, string? complexity, TimeSpan ack, TimeSpan resolution)
    {
        var ticket = await NewRoutedCaseAsync(priority);
        if (complexity is not null)
        {
            var marked = await Actions.MarkComplexityAsync(Officer("east-h1"), ticket, complexity, "涉及多家企业", default);
            Assert.True(marked.IsDone, marked.Detail);
        }

        await DrainAsync();
        var stages = new[] { (Window: "ack", Span: ack), (Window: "resolve", Span: resolution) }
            .SelectMany(w => new[] { 50, 80, 100, 150 }.Select(stage => (w.Window, w.Span, Stage: stage, At: Start + (w.Span * stage / 100))))
            .OrderBy(s => s.At)
            .ToList();

        foreach (var (window, span, stage, at) in stages)
        {
            // Nothing a second early; everything the stage owes once it is due, and no more on another run.
            MoveTo(at - TimeSpan.FromSeconds(1));
            await _app.RunFollowUpsAsync();
            Assert.Empty(await TextsAsync());

            MoveTo(at);
            await _app.RunFollowUpsAsync();
            await _app.RunFollowUpsAsync();
            Assert.Equal(Expected(ticket, window, stage, Start + span), (await TextsAsync()).Order(StringComparer.Ordinal));
        }

        _app.AssertNoUnexpectedWarnings("Major incident");
    }

    [Fact]
    public async Task Two_loop_runs_at_once_and_runs_repeated_queue_nothing_twice()
    {
        var ticket = await NewRoutedCaseAsync(CasePriority.Normal);
        await DrainAsync();

        MoveTo(Start + TimeSpan.FromHours(4));
        var (first, second) = await BothAsync(_app.RunFollowUpsAsync(), _app.RunFollowUpsAsync());
        Assert.Equal(3, first + second); // the 50 %, 80 % (both dropped: superseded) and 100 % rows, each handled once
        await _app.RunFollowUpsAsync();

        var texts = await TextsAsync();
        Assert.Equal(Expected(ticket, "ack", 100, Start + TimeSpan.FromHours(4)), texts.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_stage_handled_twice_queues_the_same_message_key_so_it_is_sent_once()
    {
        var ticket = await NewRoutedCaseAsync(CasePriority.Normal);
        await DrainAsync();
        MoveTo(Start + TimeSpan.FromHours(2));
        await _app.RunFollowUpsAsync();

        // The row comes back (a run that died after queuing the text, before removing its row): the same text, same key.
        await _app.Services.GetRequiredService<FollowUpIndex>().ScheduleAsync(DeadlineStages.AcknowledgementKind, ticket, Start + TimeSpan.FromHours(2), default, stage: "50");
        await _app.RunFollowUpsAsync();

        var keys = (await _app.Storage.SmsOutbound.ReceiveAllJsonAsync()).Select(t => t.GetProperty("messageKey").GetString()).ToList();
        Assert.Equal(2, keys.Count);
        Assert.Single(keys.Distinct());
    }

    [Fact]
    public async Task A_transfer_starts_both_windows_again_and_the_old_stages_do_nothing()
    {
        var ticket = await NewRoutedCaseAsync(CasePriority.Normal);
        MoveTo(Start + TimeSpan.FromHours(1));
        var moved = await Actions.TransferAsync(Officer("east-head"), ticket, "city", "涉及全市多家企业", default);
        Assert.True(moved.IsDone, moved.Detail);
        await DrainAsync();
        var transferredAt = Start + TimeSpan.FromHours(1);

        // The old 50 % and 80 % (2 h and 3 h 12 min after routing) pass in silence.
        MoveTo(Start + TimeSpan.FromHours(2));
        await _app.RunFollowUpsAsync();
        Assert.Empty(await TextsAsync());

        MoveTo(transferredAt + TimeSpan.FromHours(2));
        await _app.RunFollowUpsAsync();
        Assert.Equal([Reminder(ticket, "ack-reminder", "50", transferredAt + TimeSpan.FromHours(4), "city-h1", CityH1, "assigned")], await TextsAsync());

        MoveTo(Start + TimeSpan.FromHours(3.2));
        await _app.RunFollowUpsAsync();
        Assert.Empty(await TextsAsync());

        var history = await _app.Services.GetRequiredService<CaseStore>().GetHistoryAsync(ticket, default);
        Assert.Contains("acknowledge by 2026-11-23 15:00 China time", Assert.Single(history, h => h.Action == "transferred").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_complexity_mark_moves_the_resolution_stages_and_keeps_acknowledged_cases_chased_only_for_resolution()
    {
        var ticket = await NewRoutedCaseAsync(CasePriority.Normal);
        Assert.True((await Actions.AcknowledgeAsync(Officer("east-h1"), ticket, default)).IsDone);
        MoveTo(Start + TimeSpan.FromDays(1));
        Assert.True((await Actions.MarkComplexityAsync(Officer("east-h1"), ticket, CaseComplexity.Difficult, "涉及三家分包企业", default)).IsDone);
        await DrainAsync();

        // Acknowledged: the acknowledgement window's stages are dropped; 3.5 days (50 % of 7) is no stage any more.
        MoveTo(Start + TimeSpan.FromDays(3.5));
        await _app.RunFollowUpsAsync();
        Assert.Empty(await TextsAsync());

        MoveTo(Start + TimeSpan.FromDays(7.5));
        await _app.RunFollowUpsAsync();
        Assert.Equal(
            [Reminder(ticket, "resolve-reminder", "50", Start + TimeSpan.FromDays(15), "east-h1", EastH1, "assigned", "acknowledged")],
            await TextsAsync());
    }

    [Fact]
    public async Task A_resolved_case_gets_nothing_more()
    {
        var ticket = await NewRoutedCaseAsync(CasePriority.Normal);
        await DrainAsync();
        MoveTo(Start + TimeSpan.FromHours(2));
        await _app.RunFollowUpsAsync();
        Assert.Single(await TextsAsync());

        Assert.True((await Actions.ResolveAsync(Officer("east-h1"), ticket, "已协调发放", default)).IsDone);
        await DrainAsync();
        foreach (var at in new[] { TimeSpan.FromHours(4), TimeSpan.FromHours(6), TimeSpan.FromDays(4), TimeSpan.FromDays(11) })
        {
            MoveTo(Start + at);
            await _app.RunFollowUpsAsync();
        }

        Assert.Empty(await TextsAsync());
        Assert.Empty(await _app.Services.GetRequiredService<FollowUpIndex>().GetDueAsync(DeadlineStages.ResolutionKind, _app.Clock.GetUtcNow(), 10, default));
    }

    [Fact]
    public async Task A_unit_without_a_head_passes_the_overdue_text_to_the_nearest_head_above_it()
    {
        var ticket = await NewRoutedCaseAsync(CasePriority.Normal, region: "650102001");
        await DrainAsync();
        var due = Start + TimeSpan.FromHours(4);

        MoveTo(due);
        await _app.RunFollowUpsAsync();
        Assert.Equal(
            new[]
            {
                Reminder(ticket, "ack-reminder", "100", due, "town-h1", "+8613900009031", "assigned"),
                Text(ticket, "case-overdue", "100", due, "east-head", EastHead, "town-h1", ["assigned"], ("officerName", "东镇干事"), ("step", "ack")),
            }.Order(StringComparer.Ordinal),
            (await TextsAsync()).Order(StringComparer.Ordinal));

        // The head told was east's, so the escalation goes to the head above east; city's contact is linked to east, not town.
        MoveTo(Start + TimeSpan.FromHours(6));
        await _app.RunFollowUpsAsync();
        Assert.Equal(
            [Text(ticket, "case-escalated", "150", due, "city-head", CityHead, "town-h1", ["assigned"], ("unitName", "东镇工会"), ("step", "ack"))],
            await TextsAsync());
    }

    [Fact]
    public void The_resolution_windows_are_settings_with_the_spec_defaults_and_a_nonsense_one_stops_the_app()
    {
        var defaults = new FollowUpOptions();
        Assert.Equal(
            [TimeSpan.FromDays(7), TimeSpan.FromDays(15), TimeSpan.FromDays(30), TimeSpan.FromDays(3), TimeSpan.FromDays(3), TimeSpan.FromHours(24)],
            [
                defaults.ResolutionWindow(CasePriority.Normal, null), defaults.ResolutionWindow(CasePriority.Normal, CaseComplexity.Difficult),
                defaults.ResolutionWindow(CasePriority.Normal, CaseComplexity.VeryComplex), defaults.ResolutionWindow(CasePriority.Urgent, null),
                defaults.ResolutionWindow(CasePriority.Urgent, CaseComplexity.VeryComplex), defaults.ResolutionWindow(CasePriority.MajorIncident, CaseComplexity.Difficult),
            ]);

        var builder = HotlineWorker.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Hotline:FollowUp:ResolutionDifficult"] = "00:00:30" });
        using var worker = builder.Build();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => worker.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FollowUpOptions>>().Value);
        Assert.Contains("ResolutionDifficult", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _app.Dispose();

    private OfficerCaseActions Actions => _app.Services.GetRequiredService<OfficerCaseActions>();

    private Hotline.Routing.Directory.UnionOfficer Officer(string id) =>
        _app.Services.GetRequiredService<DirectoryProvider>().Current.FindOfficer(id)!;

    private void MoveTo(DateTimeOffset at)
    {
        var now = _app.Clock.GetUtcNow();
        if (at > now)
        {
            _app.Clock.Advance(at - now);
        }
    }

    private async Task<string> NewRoutedCaseAsync(string priority, string region = "650102")
    {
        var ticket = TicketId.New();
        var now = _app.Clock.GetUtcNow();
        await _app.Services.GetRequiredService<CaseStore>().CreateAsync(new CaseRecord
        {
            TicketId = ticket,
            TrackingCodeHash = "-",
            Status = CaseStatus.Received,
            Channel = "api",
            Description = "厂里拖欠两个月工资",
            Language = "zh-CN",
            ReceivedAt = now,
            Region = region,
            Category = CaseCategory.WageArrears,
            Priority = priority,
        }, new AuditEntry(now, AuditEntry.CallerActor, "received", null, CaseStatus.Received, null), default);
        var routed = await _app.InvokeAsync("RouteCase", $$"""{"ticketId":"{{ticket}}"}""");
        Assert.True(routed.Succeeded, routed.FailureMessage);
        return ticket;
    }

    /// <summary>Takes the routing texts (task, major incident) off the queue, so what follows is only the chase.</summary>
    private async Task DrainAsync() => await _app.Storage.SmsOutbound.ReceiveAllJsonAsync();

    /// <summary>The texts queued since the last call, each as one comparable line; the daily bulletin is not the chase.</summary>
    private async Task<List<string>> TextsAsync() =>
        [.. (await _app.Storage.SmsOutbound.ReceiveAllJsonAsync()).Where(t => t.GetProperty("template").GetString() != "daily-bulletin").Select(Line)];

    private static async Task<(T, T)> BothAsync<T>(Task<T> a, Task<T> b)
    {
        await Task.WhenAll(a, b);
        return (await a, await b);
    }

    private static string Line(JsonElement text)
    {
        var args = text.GetProperty("args").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}").Order(StringComparer.Ordinal);
        var onlyWhile = text.TryGetProperty("onlyWhile", out var condition)
            ? $"{string.Join('|', condition.GetProperty("statuses").EnumerateArray().Select(s => s.GetString()))}/{(condition.TryGetProperty("officerId", out var o) ? o.GetString() : "-")}"
            : "-";
        return $"{text.GetProperty("template").GetString()} to {text.GetProperty("to").GetString()} [{text.GetProperty("language").GetString()}] key {text.GetProperty("messageKey").GetString()} args {string.Join(", ", args)} while {onlyWhile}";
    }

    /// <summary>What a stage owes for a case of east handled by east-h1.</summary>
    private static List<string> Expected(string ticket, string window, int stage, DateTimeOffset due)
    {
        var statuses = window == "ack" ? new[] { "assigned" } : ["assigned", "acknowledged"];
        var template = window == "ack" ? "ack-reminder" : "resolve-reminder";
        var name = stage.ToString(CultureInfo.InvariantCulture);
        var texts = new List<string>();
        if (stage <= 100)
        {
            texts.Add(Reminder(ticket, template, name, due, "east-h1", EastH1, statuses));
        }

        if (stage == 100)
        {
            texts.Add(Text(ticket, "case-overdue", name, due, "east-head", EastHead, "east-h1", statuses, ("officerName", "东县干事一"), ("step", window)));
        }

        if (stage == 150)
        {
            texts.Add(Text(ticket, "case-escalated", name, due, "city-head", CityHead, "east-h1", statuses, ("unitName", "东县总工会"), ("step", window)));
            texts.Add(Text(ticket, "case-escalated", name, due, "city-c1", CityContact, "east-h1", statuses, ("unitName", "东县总工会"), ("step", window)));
        }

        return [.. texts.Order(StringComparer.Ordinal)];
    }

    private static string Reminder(string ticket, string template, string stage, DateTimeOffset due, string officerId, string phone, params string[] statuses) =>
        Text(ticket, template, stage, due, officerId, phone, officerId, statuses, ("stage", stage switch { "50" => "50%", "80" => "80%", _ => "due" }));

    private static string Text(
        string ticket, string template, string stage, DateTimeOffset due, string recipientId, string phone, string caseOfficer, string[] statuses, params (string Name, string Value)[] args)
    {
        var all = args.Append(("ticketId", ticket)).Append(("dueAt", SmsTime.Format(due, "zh-CN")))
            .Select(a => $"{a.Item1}={a.Item2}").Order(StringComparer.Ordinal);
        var window = args.Select(a => a.Name == "step" ? a.Value : null).FirstOrDefault(v => v is not null) ?? (template == "ack-reminder" ? "ack" : "resolve");
        var key = $"{ticket}:{template}:{window}:{stage}:{due.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}:{recipientId}";
        return $"{template} to {phone} [zh-CN] key {key} args {string.Join(", ", all)} while {string.Join('|', statuses)}/{caseOfficer}";
    }
}
