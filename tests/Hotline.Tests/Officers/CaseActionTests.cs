using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hotline.Cases;
using Hotline.Routing;
using Hotline.Testing;

namespace Hotline.Tests.Officers;

public sealed class CaseActionTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly OfficerTestHost _host = new(azurite);

    [Fact]
    public async Task The_assigned_officer_acknowledges_a_case_once()
    {
        var routed = await _host.NewRoutedCaseAsync();
        var officer = routed.OfficerId!;

        using var response = await _host.PostAsOfficerAsync(officer, $"/api/cases/{routed.TicketId.ToLowerInvariant()}/acknowledge");
        using var again = await _host.PostAsOfficerAsync(officer, $"/api/cases/{routed.TicketId}/acknowledge");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("acknowledged", view.GetProperty("status").GetString());
        var problem = await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Contains("already acknowledged", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var stored = await _host.GetCaseAsync(routed.TicketId);
        Assert.Equal(CaseStatus.Acknowledged, stored.Status);
        Assert.Equal(_host.App.Clock.GetUtcNow(), stored.AcknowledgedAt);
        var audit = Assert.Single(await _host.HistoryAsync(routed.TicketId), h => h.Action == "acknowledged");
        Assert.Equal($"officer:{officer}", audit.Actor);
        Assert.Equal((CaseStatus.Assigned, CaseStatus.Acknowledged), (audit.FromStatus, audit.ToStatus));
    }

    [Fact]
    public async Task Another_handler_of_the_unit_may_not_act_on_the_case_but_the_unit_head_may()
    {
        var routed = await _host.NewRoutedCaseAsync();
        var other = routed.OfficerId == "east-h1" ? "east-h2" : "east-h1";

        using var refused = await _host.PostAsOfficerAsync(other, $"/api/cases/{routed.TicketId}/acknowledge");
        using var byOtherHead = await _host.PostAsOfficerAsync("west-head", $"/api/cases/{routed.TicketId}/acknowledge");
        using var byParentHead = await _host.PostAsOfficerAsync("city-head", $"/api/cases/{routed.TicketId}/acknowledge");
        using var byHead = await _host.PostAsOfficerAsync("east-head", $"/api/cases/{routed.TicketId}/acknowledge");

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(byOtherHead, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(byParentHead, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, byHead.StatusCode);
        Assert.Single(await _host.HistoryAsync(routed.TicketId), h => h.Action == "acknowledged" && h.Actor == "officer:east-head");
    }

    [Fact]
    public async Task Resolving_keeps_the_note_frees_the_officer_and_texts_the_caller()
    {
        var routed = await _host.NewRoutedCaseAsync();
        var note = "已协调企业于本周五前足额支付拖欠工资，\n企业已书面承诺。";

        using var response = await _host.PostAsOfficerAsync(routed.OfficerId!, $"/api/cases/{routed.TicketId}/resolve", new { note });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await _host.GetCaseAsync(routed.TicketId);
        Assert.Equal(CaseStatus.Resolved, stored.Status);
        Assert.Equal(_host.App.Clock.GetUtcNow(), stored.ResolvedAt);
        var audit = Assert.Single(await _host.HistoryAsync(routed.TicketId), h => h.Action == "resolved");
        Assert.Equal(note, audit.Reason);
        Assert.Equal(0, (await _host.Service<OfficerLoadStore>().GetCountsAsync("east", default)).Values.Sum());

        // Never acknowledged: resolving acknowledged it at the same moment, and the trail says so.
        Assert.Equal(stored.ResolvedAt, stored.AcknowledgedAt);
        var acknowledged = Assert.Single(await _host.HistoryAsync(routed.TicketId), h => h.Action == "acknowledged");
        Assert.Equal(($"officer:{routed.OfficerId}", "acknowledged on resolving"), (acknowledged.Actor, acknowledged.Reason));
        Assert.Equal((CaseStatus.Acknowledged, CaseStatus.Resolved), (audit.FromStatus, audit.ToStatus));

        var text = Assert.Single(await _host.TextsAsync("case-resolved"));
        Assert.Equal(routed.Phone, text.GetProperty("to").GetString());
        Assert.Equal($"{routed.TicketId}:case-resolved:{stored.Revision}", text.GetProperty("messageKey").GetString());
        Assert.Equal(routed.TicketId, text.GetProperty("args").GetProperty("ticketId").GetString());
        Assert.Equal("已协调企业于本周五前足额支付拖欠工资， 企业已书面承诺。", text.GetProperty("args").GetProperty("note").GetString());
    }

    [Fact]
    public async Task A_resolved_case_cannot_be_resolved_acknowledged_marked_or_transferred()
    {
        var routed = await _host.NewRoutedCaseAsync();
        var officer = routed.OfficerId!;
        using var resolved = await _host.PostAsOfficerAsync(officer, $"/api/cases/{routed.TicketId}/resolve", new { note = "已办结" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);

        using var resolveAgain = await _host.PostAsOfficerAsync(officer, $"/api/cases/{routed.TicketId}/resolve", new { note = "再次办结" });
        using var acknowledge = await _host.PostAsOfficerAsync(officer, $"/api/cases/{routed.TicketId}/acknowledge");
        using var mark = await _host.PostAsOfficerAsync(officer, $"/api/cases/{routed.TicketId}/complexity", new { level = "difficult", reason = "涉及多方" });
        using var transfer = await _host.PostAsOfficerAsync(officer, $"/api/cases/{routed.TicketId}/transfer", new { unitId = "city", reason = "需要市总协调" });

        await ProblemAssert.IsProblemAsync(resolveAgain, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(acknowledge, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(mark, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(transfer, HttpStatusCode.Conflict);
        Assert.Single(await _host.HistoryAsync(routed.TicketId), h => h.Action == "resolved");
        // The repeat re-runs the follow-ups in case the first resolve died before them; the text's key is the same,
        // so SendSms sends the caller one text.
        Assert.Single((await _host.TextsAsync("case-resolved")).Select(t => t.GetProperty("messageKey").GetString()).Distinct());
    }

    [Fact]
    public async Task A_case_without_a_caller_phone_is_resolved_without_a_text()
    {
        var routed = await _host.NewRoutedCaseAsync(phone: null);

        using var response = await _host.PostAsOfficerAsync(routed.OfficerId!, $"/api/cases/{routed.TicketId}/resolve", new { note = "已电话回复" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await _host.TextsAsync("case-resolved"));
    }

    [Fact]
    public async Task Marking_complexity_keeps_the_level_on_the_case_and_the_reason_in_the_trail()
    {
        var routed = await _host.NewRoutedCaseAsync();

        using var response = await _host.PostAsOfficerAsync(routed.OfficerId!, $"/api/cases/{routed.TicketId}/complexity", new { level = "very_complex", reason = "涉及三家分包企业" });
        using var again = await _host.PostAsOfficerAsync(routed.OfficerId!, $"/api/cases/{routed.TicketId}/complexity", new { level = "very_complex", reason = "重复" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("very_complex", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("complexity").GetString());
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
        var stored = await _host.GetCaseAsync(routed.TicketId);
        Assert.Equal("very_complex", stored.Complexity);
        Assert.Equal(CaseStatus.Assigned, stored.Status);
        var audit = Assert.Single(await _host.HistoryAsync(routed.TicketId), h => h.Action == "complexity-marked");
        Assert.Equal(
            "very_complex: 涉及三家分包企业; resolve by 2026-12-23 10:00 China time (30 d from the assignment for normal, very_complex; was 2026-11-30 10:00 China time)",
            audit.Reason);
        Assert.Equal(stored.AssignedAt + TimeSpan.FromDays(30), stored.ResolutionDueAt);
    }

    [Fact]
    public async Task Transfer_reroutes_within_the_target_unit_and_moves_the_load()
    {
        var routed = await _host.NewRoutedCaseAsync();
        var oldOfficer = routed.OfficerId!;
        using var acknowledged = await _host.PostAsOfficerAsync(oldOfficer, $"/api/cases/{routed.TicketId}/acknowledge");

        using var response = await _host.PostAsOfficerAsync(oldOfficer, $"/api/cases/{routed.TicketId}/transfer", new { unitId = "city", reason = "涉及全市多家企业" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await _host.GetCaseAsync(routed.TicketId);
        Assert.Equal((CaseStatus.Assigned, "city", "测试市总工会", "city-h1"), (stored.Status, stored.UnitId, stored.UnitName, stored.OfficerId));
        Assert.Null(stored.AcknowledgedAt);
        Assert.Equal(_host.App.Clock.GetUtcNow() + TimeSpan.FromHours(4), stored.AcknowledgementDueAt);

        var loads = _host.Service<OfficerLoadStore>();
        Assert.Equal(0, (await loads.GetCountsAsync("east", default)).Values.Sum());
        Assert.Equal(1, (await loads.GetCountsAsync("city", default)).GetValueOrDefault("city-h1"));

        var audit = Assert.Single(await _host.HistoryAsync(routed.TicketId), h => h.Action == "transferred");
        Assert.Equal((CaseStatus.Acknowledged, CaseStatus.Assigned), (audit.FromStatus, audit.ToStatus));
        Assert.Contains($"from east/{oldOfficer} to city/city-h1", audit.Reason, StringComparison.Ordinal);
        Assert.Contains("涉及全市多家企业", audit.Reason, StringComparison.Ordinal);
        Assert.EndsWith("acknowledge by 2026-11-23 14:00 China time (4 h for normal), resolve by 2026-11-30 10:00 China time (7 d from the assignment for normal, general))", audit.Reason, StringComparison.Ordinal);

        var task = Assert.Single(await _host.TextsAsync("officer-task"), t => t.GetProperty("to").GetString() == "+8613900009002");
        Assert.Equal($"{routed.TicketId}:officer-task:transfer{stored.Revision}:city-h1", task.GetProperty("messageKey").GetString());
        Assert.Single(await _host.TextsAsync("case-assigned"), t => t.GetProperty("messageKey").GetString() == $"{routed.TicketId}:case-assigned:city");

        // The case changed hands: the old officer may no longer act on it, the new one may.
        using var oldTries = await _host.PostAsOfficerAsync(oldOfficer, $"/api/cases/{routed.TicketId}/acknowledge");
        using var newAcknowledges = await _host.PostAsOfficerAsync("city-h1", $"/api/cases/{routed.TicketId}/acknowledge");
        await ProblemAssert.IsProblemAsync(oldTries, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, newAcknowledges.StatusCode);
    }

    [Fact]
    public async Task Transfer_to_a_unit_with_no_handler_on_duty_goes_up_to_its_parent()
    {
        var routed = await _host.NewRoutedCaseAsync();

        using var response = await _host.PostAsOfficerAsync("east-head", $"/api/cases/{routed.TicketId}/transfer", new { unitId = "west", reason = "属西县管辖" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await _host.GetCaseAsync(routed.TicketId);
        Assert.Equal(("city", "city-h1"), (stored.UnitId, stored.OfficerId));
    }

    [Fact]
    public async Task Transfer_to_an_unknown_unit_is_a_400_and_to_the_same_unit_a_409()
    {
        var routed = await _host.NewRoutedCaseAsync();

        using var unknown = await _host.PostAsOfficerAsync(routed.OfficerId!, $"/api/cases/{routed.TicketId}/transfer", new { unitId = "nowhere", reason = "试试" });
        using var same = await _host.PostAsOfficerAsync(routed.OfficerId!, $"/api/cases/{routed.TicketId}/transfer", new { unitId = "east", reason = "试试" });

        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(same, HttpStatusCode.Conflict);
        var stored = await _host.GetCaseAsync(routed.TicketId);
        Assert.Equal(("east", routed.OfficerId), (stored.UnitId, stored.OfficerId));
        Assert.Equal(1, (await _host.Service<OfficerLoadStore>().GetCountsAsync("east", default)).Values.Sum());
    }

    [Fact]
    public async Task Another_officer_cannot_transfer_the_case_and_nothing_is_counted_for_it()
    {
        var routed = await _host.NewRoutedCaseAsync();
        var other = routed.OfficerId == "east-h1" ? "east-h2" : "east-h1";

        using var response = await _host.PostAsOfficerAsync(other, $"/api/cases/{routed.TicketId}/transfer", new { unitId = "city", reason = "不归我管" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Empty(await _host.Service<OfficerLoadStore>().GetCountsAsync("city", default));
        Assert.Equal("east", (await _host.GetCaseAsync(routed.TicketId)).UnitId);
    }

    [Fact]
    public async Task Concurrent_acknowledge_and_resolve_lose_no_update()
    {
        var cases = new List<CaseRecord>();
        for (var i = 0; i < 6; i++)
        {
            cases.Add(await _host.NewRoutedCaseAsync(region: "650100"));
        }

        await _host.TokenForAsync("city-h1");
        var outcomes = await Task.WhenAll(cases.Select(async c =>
        {
            var acknowledge = _host.PostAsOfficerAsync("city-h1", $"/api/cases/{c.TicketId}/acknowledge");
            var resolve = _host.PostAsOfficerAsync("city-h1", $"/api/cases/{c.TicketId}/resolve", new { note = "已处理" });
            using var a = await acknowledge;
            using var r = await resolve;
            return (c.TicketId, Acknowledge: a.StatusCode, Resolve: r.StatusCode);
        }));

        foreach (var (ticketId, acknowledge, resolve) in outcomes)
        {
            // Resolving is allowed from assigned and from acknowledged, so it always succeeds; acknowledging
            // succeeds unless the resolve got there first. Either way every change left its audit line.
            Assert.Equal(HttpStatusCode.OK, resolve);
            Assert.Contains(acknowledge, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict });
            var actions = (await _host.HistoryAsync(ticketId)).Select(h => h.Action).ToList();
            // A resolve that got there first acknowledges the case itself, in its own line.
            Assert.Equal(["received", "assigned", "acknowledged", "resolved"], actions);
            Assert.Equal(CaseStatus.Resolved, (await _host.GetCaseAsync(ticketId)).Status);
        }
    }

    [Fact]
    public async Task Concurrent_marks_of_one_case_both_land_in_the_trail()
    {
        var routed = await _host.NewRoutedCaseAsync();
        await _host.TokenForAsync(routed.OfficerId!);
        await _host.TokenForAsync("east-head");

        var byOfficer = _host.PostAsOfficerAsync(routed.OfficerId!, $"/api/cases/{routed.TicketId}/complexity", new { level = "difficult", reason = "一" });
        var byHead = _host.PostAsOfficerAsync("east-head", $"/api/cases/{routed.TicketId}/complexity", new { level = "very_complex", reason = "二" });
        using var a = await byOfficer;
        using var b = await byHead;

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (a.StatusCode, b.StatusCode));
        var marks = (await _host.HistoryAsync(routed.TicketId)).Where(h => h.Action == "complexity-marked").ToList();
        Assert.Equal(2, marks.Count);
        Assert.Equal(marks[^1].Reason![..marks[^1].Reason!.IndexOf(':', StringComparison.Ordinal)], (await _host.GetCaseAsync(routed.TicketId)).Complexity);
    }

    [Theory]
    [InlineData("resolve", """{"note":""}""", "note")]
    [InlineData("resolve", """{}""", "note")]
    [InlineData("complexity", """{"level":"easy","reason":"x"}""", "level")]
    [InlineData("complexity", """{"level":"difficult"}""", "reason")]
    [InlineData("transfer", """{"reason":"x"}""", "unitId")]
    [InlineData("transfer", """{"unitId":"city/../x","reason":"x"}""", "unitId")]
    [InlineData("transfer", """{"unitId":"city","reason":"   "}""", "reason")]
    public async Task Missing_or_invalid_fields_are_a_400_naming_the_field(string action, string body, string field)
    {
        var routed = await _host.NewRoutedCaseAsync();

        using var response = await PostRawAsync(routed.OfficerId!, $"/api/cases/{routed.TicketId}/{action}", body, "application/json");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(CaseStatus.Assigned, (await _host.GetCaseAsync(routed.TicketId)).Status);
    }

    [Fact]
    public async Task A_note_longer_than_500_characters_is_refused()
    {
        var routed = await _host.NewRoutedCaseAsync();

        using var response = await _host.PostAsOfficerAsync(routed.OfficerId!, $"/api/cases/{routed.TicketId}/resolve", new { note = new string('办', 501) });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("note", out _));
    }

    [Theory]
    [InlineData("{\"note\":", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[1,2]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("null", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"note\":42}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("note=done", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("{\"note\":\"done\"}", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task A_malformed_or_mistyped_body_is_a_4xx_problem(string body, string mediaType, HttpStatusCode expected)
    {
        var routed = await _host.NewRoutedCaseAsync();

        using var response = await PostRawAsync(routed.OfficerId!, $"/api/cases/{routed.TicketId}/resolve", body, mediaType);

        await ProblemAssert.IsProblemAsync(response, expected);
        Assert.Equal(CaseStatus.Assigned, (await _host.GetCaseAsync(routed.TicketId)).Status);
    }

    [Fact]
    public async Task An_oversized_body_is_a_413_problem()
    {
        var routed = await _host.NewRoutedCaseAsync();

        using var response = await PostRawAsync(routed.OfficerId!, $"/api/cases/{routed.TicketId}/resolve", $$"""{"note":"{{new string('a', 20_000)}}"}""", "application/json");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("NOT-A-TICKET-ID", HttpStatusCode.BadRequest)]
    [InlineData("O0O0O0O0", HttpStatusCode.BadRequest)]
    [InlineData("ZZZZZZZZ", HttpStatusCode.NotFound)]
    public async Task An_unusable_or_unknown_ticket_id_is_a_4xx_problem_on_every_case_route(string ticketId, HttpStatusCode expected)
    {
        using var acknowledge = await _host.PostAsOfficerAsync("east-head", $"/api/cases/{ticketId}/acknowledge");
        using var resolve = await _host.PostAsOfficerAsync("east-head", $"/api/cases/{ticketId}/resolve", new { note = "已处理" });
        using var mark = await _host.PostAsOfficerAsync("east-head", $"/api/cases/{ticketId}/complexity", new { level = "difficult", reason = "多方" });
        using var transfer = await _host.PostAsOfficerAsync("east-head", $"/api/cases/{ticketId}/transfer", new { unitId = "city", reason = "属市" });
        using var history = await _host.GetAsOfficerAsync("east-head", $"/api/cases/{ticketId}/history");

        foreach (var response in new[] { acknowledge, resolve, mark, transfer, history })
        {
            await ProblemAssert.IsProblemAsync(response, expected);
        }
    }

    private async Task<HttpResponseMessage> PostRawAsync(string officerId, string path, string body, string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, mediaType),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await _host.TokenForAsync(officerId));
        return await _host.Client.SendAsync(request);
    }

    public void Dispose() => _host.Dispose();
}
