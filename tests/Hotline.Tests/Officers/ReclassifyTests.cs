using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Cases;
using Hotline.Testing;

namespace Hotline.Tests.Officers;

/// <summary>改类 / 改级: an officer corrects a case's category or priority; a new priority moves both due times.</summary>
public sealed class ReclassifyTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly OfficerTestHost _host = new(azurite);

    [Fact]
    public async Task Raising_a_case_to_urgent_counts_both_windows_again_from_the_assignment_and_chases_the_new_ones()
    {
        var routed = await _host.NewRoutedCaseAsync();
        _host.App.Clock.Advance(TimeSpan.FromMinutes(10));

        using var response = await _host.PostAsOfficerAsync(routed.OfficerId!, $"/api/cases/{routed.TicketId}/reclassify", new { priority = "urgent", reason = "工人聚集讨薪" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("urgent", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("priority").GetString());
        var stored = await _host.GetCaseAsync(routed.TicketId);
        Assert.Equal((CasePriority.Urgent, "wage_arrears"), (stored.Priority, stored.Category));
        Assert.Equal(routed.AssignedAt + TimeSpan.FromHours(1), stored.AcknowledgementDueAt);
        Assert.Equal(routed.AssignedAt + TimeSpan.FromDays(3), stored.ResolutionDueAt);
        var audit = Assert.Single(await _host.HistoryAsync(routed.TicketId), h => h.Action == "reclassified");
        Assert.Equal($"officer:{routed.OfficerId}", audit.Actor);
        Assert.Equal(
            "priority normal → urgent; acknowledge by 2026-11-23 11:00 China time (1 h for urgent), resolve by 2026-11-26 10:00 China time (3 d from the assignment for urgent, general): 工人聚集讨薪",
            audit.Reason);

        // 50 % of the new hour, not of the old four: the reminder comes at 30 minutes, with the new due time.
        _host.App.Clock.Advance(TimeSpan.FromMinutes(20));
        await _host.App.RunFollowUpsAsync("ack");
        var reminder = Assert.Single(await _host.TextsAsync("ack-reminder"));
        Assert.Equal("50%", reminder.GetProperty("args").GetProperty("stage").GetString());

        // The old window's 50 % (two hours in) was scheduled for a due time the case no longer has: it does nothing,
        // while the new window's
        // due stage comes (its 80 % is passed over: the due reminder says more).
        _host.App.Clock.Advance(TimeSpan.FromMinutes(100));
        await _host.App.RunFollowUpsAsync("ack");
        Assert.Equal(["50%", "due"], (await _host.TextsAsync("ack-reminder")).Select(t => t.GetProperty("args").GetProperty("stage").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Raising_a_case_to_a_major_incident_alerts_the_heads_at_once()
    {
        var routed = await _host.NewRoutedCaseAsync();

        using var response = await _host.PostAsOfficerAsync(routed.OfficerId!, $"/api/cases/{routed.TicketId}/reclassify", new { priority = "major_incident", reason = "有工人受伤送医" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alerted = (await _host.TextsAsync("major-incident")).Select(t => t.GetProperty("to").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["+8613900009001", "+8613900009011"], alerted);
        var stored = await _host.GetCaseAsync(routed.TicketId);
        Assert.Equal(routed.AssignedAt + TimeSpan.FromMinutes(15), stored.AcknowledgementDueAt);
        Assert.Equal(routed.AssignedAt + TimeSpan.FromHours(24), stored.ResolutionDueAt);
    }

    [Fact]
    public async Task A_new_category_keeps_the_case_where_it_is_and_its_due_times()
    {
        var routed = await _host.NewRoutedCaseAsync();

        using var response = await _host.PostAsOfficerAsync(routed.OfficerId!, $"/api/cases/{routed.TicketId}/reclassify", new { category = "labor_contract", reason = "实为未签劳动合同" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await _host.GetCaseAsync(routed.TicketId);
        Assert.Equal(("labor_contract", routed.UnitId, routed.OfficerId), (stored.Category, stored.UnitId, stored.OfficerId));
        Assert.Equal((routed.AcknowledgementDueAt, routed.ResolutionDueAt), (stored.AcknowledgementDueAt, stored.ResolutionDueAt));
        Assert.Equal("category wage_arrears → labor_contract: 实为未签劳动合同", Assert.Single(await _host.HistoryAsync(routed.TicketId), h => h.Action == "reclassified").Reason);
    }

    [Fact]
    public async Task An_acknowledged_case_keeps_the_acknowledgement_window_it_was_acknowledged_against()
    {
        var routed = await _host.NewRoutedCaseAsync();
        _host.App.Clock.Advance(TimeSpan.FromHours(3));
        using var acknowledged = await _host.PostAsOfficerAsync(routed.OfficerId!, $"/api/cases/{routed.TicketId}/acknowledge");
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);

        using var response = await _host.PostAsOfficerAsync(routed.OfficerId!, $"/api/cases/{routed.TicketId}/reclassify", new { priority = "urgent", reason = "企业准备转移资产" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await _host.GetCaseAsync(routed.TicketId);

        // Acknowledged in 3 h against the 4 h it then had: it stays on time however the priority changes later.
        Assert.Equal(routed.AcknowledgementDueAt, stored.AcknowledgementDueAt);
        Assert.Equal(routed.AssignedAt + TimeSpan.FromDays(3), stored.ResolutionDueAt);
    }

    [Fact]
    public async Task Bad_or_pointless_reclassifications_are_refused_and_change_nothing()
    {
        var routed = await _host.NewRoutedCaseAsync();
        var path = $"/api/cases/{routed.TicketId}/reclassify";
        var other = routed.OfficerId == "east-h1" ? "east-h2" : "east-h1";

        using var nothing = await _host.PostAsOfficerAsync(routed.OfficerId!, path, new { reason = "无" });
        using var unknown = await _host.PostAsOfficerAsync(routed.OfficerId!, path, new { category = "taxes", priority = "high", reason = "无" });
        using var noReason = await _host.PostAsOfficerAsync(routed.OfficerId!, path, new { priority = "urgent" });
        using var same = await _host.PostAsOfficerAsync(routed.OfficerId!, path, new { category = "wage_arrears", priority = "normal", reason = "不变" });
        using var notTheirs = await _host.PostAsOfficerAsync(other, path, new { priority = "urgent", reason = "越权" });

        Assert.Contains("category", (await ProblemAssert.IsProblemAsync(nothing, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var errors = (await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["category", "priority"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        await ProblemAssert.IsProblemAsync(noReason, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(same, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(notTheirs, HttpStatusCode.Forbidden);

        using var resolved = await _host.PostAsOfficerAsync(routed.OfficerId!, $"/api/cases/{routed.TicketId}/resolve", new { note = "已办结" });
        using var afterResolve = await _host.PostAsOfficerAsync(routed.OfficerId!, path, new { priority = "urgent", reason = "迟了" });
        await ProblemAssert.IsProblemAsync(afterResolve, HttpStatusCode.Conflict);

        Assert.DoesNotContain(await _host.HistoryAsync(routed.TicketId), h => h.Action == "reclassified");
        Assert.Equal(CasePriority.Normal, (await _host.GetCaseAsync(routed.TicketId)).Priority);
    }

    public void Dispose() => _host.Dispose();
}
