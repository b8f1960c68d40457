using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Testing;

namespace Hotline.Tests.Officers;

public sealed class OfficerTasksTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly OfficerTestHost _host = new(azurite);

    [Fact]
    public async Task An_officer_sees_their_open_cases_oldest_due_first()
    {
        // Submitted first, routed last: the list follows the due time, not the order of arrival.
        var later = await _host.SubmitAsync("650100", description: string.Concat(Enumerable.Repeat("工地拖欠工资，", 20)));
        var sooner = await _host.SubmitAsync("650100", description: "第二份");
        await _host.RouteAsync(sooner);
        _host.App.Clock.Advance(TimeSpan.FromHours(1));
        await _host.RouteAsync(later);

        using var response = await _host.GetAsOfficerAsync("city-h1", "/api/officers/city-h1/tasks");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("city-h1", body.GetProperty("officerId").GetString());
        var tasks = body.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal([sooner, later], tasks.Select(t => t.GetProperty("ticketId").GetString()));
        var first = tasks[1];
        Assert.Equal("assigned", first.GetProperty("status").GetString());
        Assert.Equal("wage_arrears", first.GetProperty("category").GetString());
        Assert.Equal("normal", first.GetProperty("priority").GetString());
        Assert.Equal("650100", first.GetProperty("region").GetString());
        Assert.Equal(81, first.GetProperty("summary").GetString()!.Length);
        Assert.EndsWith("…", first.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(_host.App.Clock.GetUtcNow() + TimeSpan.FromHours(4), first.GetProperty("acknowledgementDueAt").GetDateTimeOffset());
        Assert.Equal(_host.App.Clock.GetUtcNow() + TimeSpan.FromDays(7), first.GetProperty("resolutionDueAt").GetDateTimeOffset());
        Assert.True(first.TryGetProperty("receivedAt", out _));
        Assert.False(first.TryGetProperty("phone", out _));
    }

    [Fact]
    public async Task An_acknowledged_case_is_due_by_its_resolution_time_so_a_newer_unacknowledged_one_comes_first()
    {
        var acknowledged = await _host.NewRoutedCaseAsync("650100");
        using var a = await _host.PostAsOfficerAsync("city-h1", $"/api/cases/{acknowledged.TicketId}/acknowledge");
        _host.App.Clock.Advance(TimeSpan.FromHours(1));
        var waiting = await _host.NewRoutedCaseAsync("650100");

        // Acknowledgement due in 4 h beats resolution due in 7 days, though the acknowledged case was assigned first.
        Assert.Equal([waiting.TicketId, acknowledged.TicketId], await TicketsAsync("city-h1", "city-h1"));
    }

    [Fact]
    public async Task Acknowledged_cases_stay_on_the_list_and_resolved_or_transferred_ones_leave_it()
    {
        var acknowledged = await _host.NewRoutedCaseAsync("650100");
        var resolved = await _host.NewRoutedCaseAsync("650100");
        var transferred = await _host.NewRoutedCaseAsync("650100");
        using var a = await _host.PostAsOfficerAsync("city-h1", $"/api/cases/{acknowledged.TicketId}/acknowledge");
        using var r = await _host.PostAsOfficerAsync("city-h1", $"/api/cases/{resolved.TicketId}/resolve", new { note = "已办结" });
        using var t = await _host.PostAsOfficerAsync("city-h1", $"/api/cases/{transferred.TicketId}/transfer", new { unitId = "east", reason = "属东县" });
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (a.StatusCode, r.StatusCode, t.StatusCode));

        var cityTasks = await TicketsAsync("city-h1", "city-h1");
        var eastOfficer = (await _host.GetCaseAsync(transferred.TicketId)).OfficerId!;
        var eastTasks = await TicketsAsync(eastOfficer, eastOfficer);

        Assert.Equal([acknowledged.TicketId], cityTasks);
        Assert.Equal([transferred.TicketId], eastTasks);
    }

    [Fact]
    public async Task An_officer_cannot_read_another_officers_list_but_their_unit_head_can()
    {
        var routed = await _host.NewRoutedCaseAsync();
        var holder = routed.OfficerId!;
        var other = holder == "east-h1" ? "east-h2" : "east-h1";

        using var byOther = await _host.GetAsOfficerAsync(other, $"/api/officers/{holder}/tasks");
        using var byOtherUnitHead = await _host.GetAsOfficerAsync("west-head", $"/api/officers/{holder}/tasks");
        using var forUnknown = await _host.GetAsOfficerAsync(other, "/api/officers/nobody/tasks");

        await ProblemAssert.IsProblemAsync(byOther, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(byOtherUnitHead, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(forUnknown, HttpStatusCode.Forbidden);
        Assert.Equal([routed.TicketId], await TicketsAsync("east-head", holder));
    }

    [Fact]
    public async Task An_officer_with_no_cases_gets_an_empty_list()
    {
        Assert.Empty(await TicketsAsync("east-h2", "east-h2"));
    }

    private async Task<List<string?>> TicketsAsync(string asOfficer, string ofOfficer)
    {
        using var response = await _host.GetAsOfficerAsync(asOfficer, $"/api/officers/{ofOfficer}/tasks");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("ticketId").GetString())];
    }

    public void Dispose() => _host.Dispose();
}
