using System.Text.Json;
using Hotline.Cases;
using Hotline.Reports;
using Hotline.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Hotline.Tests.Reports.ReportTestHost;

namespace Hotline.Tests.Reports;

/// <summary>
/// The report's figures against cases with known outcomes, all made through the real pipeline: web reports, routing,
/// officers' actions over HTTP, the follow-up loop with the clock moved, callers' ratings by SMS.
/// </summary>
public sealed class ReportFiguresTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly ReportTestHost _host = new(azurite);

    private static (long Numerator, long Denominator) Rate(JsonElement rates, string name) =>
        (rates.GetProperty(name).GetProperty("numerator").GetInt64(), rates.GetProperty(name).GetProperty("denominator").GetInt64());

    private static JsonElement Unit(JsonElement report, string id) =>
        report.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("id").GetString() == id);

    private static JsonElement Day(JsonElement report, string date) =>
        report.GetProperty("daily").EnumerateArray().Single(d => d.GetProperty("date").GetString() == date);

    private static long Count(JsonElement report, string group, string key) =>
        report.GetProperty(group).TryGetProperty(key, out var value) ? value.GetInt64() : 0;

    [Fact]
    public async Task Counts_rates_reopens_and_the_overdue_list_follow_the_cases_outcomes_and_counties_roll_up_into_their_city()
    {
        var clock = _host.App.Clock;

        // Day 1 (2026-11-23), 10:00 China: five reports. C comes from the city itself; the rest from the east county.
        var a = await _host.RoutedCaseAsync(East);   // acknowledged and resolved on time, rated 5
        var b = await _host.RoutedCaseAsync(East);   // acknowledged and resolved on time, rated 2: reopened on day 2
        var c = await _host.RoutedCaseAsync(City);   // acknowledged on time, resolved after its due time
        var d = await _host.RoutedCaseAsync(East);   // transferred to the city, never acknowledged
        var e = await _host.RoutedCaseAsync(East);   // acknowledged late, resolved on time, no answer to the survey

        clock.Advance(TimeSpan.FromHours(1));
        await _host.AcknowledgeAsync(a.TicketId);
        await _host.AcknowledgeAsync(b.TicketId);
        await _host.AcknowledgeAsync(c.TicketId);
        await _host.TransferAsync(d.TicketId, "city");
        Assert.Equal("city", (await _host.CaseAsync(d.TicketId)).UnitId);

        clock.Advance(TimeSpan.FromHours(1));
        await _host.ResolveAsync(a.TicketId);
        await _host.ResolveAsync(b.TicketId);

        // 4 h is the acknowledgement window: E is taken an hour after it ran out.
        clock.Advance(TimeSpan.FromHours(3));
        await _host.AcknowledgeAsync(e.TicketId);
        await _host.ResolveAsync(e.TicketId);

        // A day on, the surveys go out; A's caller is satisfied, B's is not.
        clock.Advance(TimeSpan.FromDays(1));
        await _host.App.RunFollowUpsAsync();
        await _host.RateAsync(a.Phone, 5);
        await _host.RateAsync(b.Phone, 2);
        Assert.Equal((CaseStatus.Assigned, 1), ((await _host.CaseAsync(b.TicketId)).Status, (await _host.CaseAsync(b.TicketId)).ReopenCount));

        // Day 9 (2026-12-01), 16:00 China: E closed for no reply; C resolved a day after its due time.
        clock.Advance(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero) - clock.GetUtcNow());
        await _host.App.RunFollowUpsAsync();
        Assert.Equal(CaseStatus.Closed, (await _host.CaseAsync(e.TicketId)).Status);
        await _host.ResolveAsync(c.TicketId);

        var report = await _host.ReportAsync("?from=2026-11-23&to=2026-12-01");

        Assert.Equal(("2026-11-23", "2026-12-01"), (report.GetProperty("from").GetString(), report.GetProperty("to").GetString()));
        Assert.Equal(JsonValueKind.Null, report.GetProperty("unit").ValueKind);
        Assert.Equal(5, report.GetProperty("received").GetInt64());
        Assert.Equal((2, 2, 1, 0), (Count(report, "byStatus", "closed"), Count(report, "byStatus", "assigned"), Count(report, "byStatus", "resolved"), Count(report, "byStatus", "acknowledged")));
        Assert.Equal(5, Count(report, "byCategory", "wage_arrears"));
        Assert.Equal(5, Count(report, "byPriority", "normal"));
        Assert.Equal(5, Count(report, "byChannel", "api"));
        Assert.Equal((1, 1), (report.GetProperty("reopened").GetProperty("cases").GetInt64(), report.GetProperty("reopened").GetProperty("reopens").GetInt64()));

        // 响应率: A and C on time; E late; D (moved, never taken) and B (reopened, a new window) not acknowledged.
        var rates = report.GetProperty("rates");
        Assert.Equal((2, 5), Rate(rates, "acknowledgement"));
        Assert.Equal(0.4, rates.GetProperty("acknowledgement").GetProperty("rate").GetDouble());
        Assert.Equal(1, rates.GetProperty("acknowledgedLate").GetInt64());

        // 解决率: A and E on time; C late; D unresolved; B's new due time (day 9) not met yet.
        Assert.Equal((2, 5), Rate(rates, "resolution"));
        Assert.Equal(1, rates.GetProperty("resolvedLate").GetInt64());

        // 满意率: A's 5 of the two answers; E never answered.
        Assert.Equal((1, 2), Rate(rates, "satisfaction"));
        Assert.Equal((1, 1, 0), (rates.GetProperty("ratings").GetProperty("5").GetInt64(), rates.GetProperty("ratings").GetProperty("2").GetInt64(), rates.GetProperty("ratings").GetProperty("3").GetInt64()));

        // Per unit: east holds A, B, E (D left with its transfer); the city rolls east up with its own C and D.
        var east = Unit(report, "east");
        Assert.Equal((3, 1, 1), (east.GetProperty("received").GetInt64(), east.GetProperty("reopens").GetInt64(), east.GetProperty("overdue").GetInt32()));
        Assert.Equal((1, 3), Rate(east.GetProperty("rates"), "acknowledgement"));
        Assert.Equal((2, 3), Rate(east.GetProperty("rates"), "resolution"));
        Assert.Equal((1, 2), Rate(east.GetProperty("rates"), "satisfaction"));
        var city = Unit(report, "city");
        Assert.Equal((5, 2, 0), (city.GetProperty("received").GetInt64(), city.GetProperty("overdue").GetInt32(), city.GetProperty("depth").GetInt32()));
        Assert.Equal((2, 5), Rate(city.GetProperty("rates"), "acknowledgement"));
        Assert.Equal(0, Unit(report, "west").GetProperty("received").GetInt64());
        Assert.Equal(["city", "east", "west"], report.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("id").GetString()));

        // Per day: what fell on each China day.
        Assert.Equal(9, report.GetProperty("daily").GetArrayLength());
        var day1 = Day(report, "2026-11-23");
        Assert.Equal(5, day1.GetProperty("received").GetInt64());
        Assert.Equal((2, 4), Rate(day1.GetProperty("rates"), "acknowledgement"));
        var day2 = Day(report, "2026-11-24");
        Assert.Equal((0, 1), Rate(day2.GetProperty("rates"), "acknowledgement"));
        Assert.Equal((1, 2), Rate(day2.GetProperty("rates"), "satisfaction"));
        Assert.Equal((2, 4), Rate(Day(report, "2026-11-30").GetProperty("rates"), "resolution"));
        Assert.Equal((0, 1), Rate(Day(report, "2026-12-01").GetProperty("rates"), "resolution"));
        Assert.Equal(JsonValueKind.Null, Day(report, "2026-11-25").GetProperty("rates").GetProperty("resolution").GetProperty("rate").ValueKind);

        // Overdue now: D's acknowledgement (due day 1) and B's (due day 2), oldest first; C is resolved.
        var overdue = report.GetProperty("overdue");
        Assert.Equal(2, overdue.GetProperty("count").GetInt32());
        Assert.Equal(
            [(d.TicketId, "city", "acknowledgement", "2026-11-23T15:00:00+08:00"), (b.TicketId, "east", "acknowledgement", "2026-11-24T19:00:00+08:00")],
            overdue.GetProperty("cases").EnumerateArray().Select(o => (o.GetProperty("ticketId").GetString(), o.GetProperty("unitId").GetString(), o.GetProperty("overdue").GetString(), o.GetProperty("dueAt").GetString())));

        // The county alone: its three cases, its one overdue case.
        var eastOnly = await _host.ReportAsync("?from=2026-11-23&to=2026-12-01&unit=east");
        Assert.Equal("east", eastOnly.GetProperty("unit").GetProperty("id").GetString());
        Assert.Equal(3, eastOnly.GetProperty("received").GetInt64());
        Assert.Equal((1, 3), Rate(eastOnly.GetProperty("rates"), "acknowledgement"));
        Assert.Equal([b.TicketId], eastOnly.GetProperty("overdue").GetProperty("cases").EnumerateArray().Select(o => o.GetProperty("ticketId").GetString()));
        Assert.Equal(["east"], eastOnly.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("id").GetString()));
        Assert.Equal(0, Unit(eastOnly, "east").GetProperty("depth").GetInt32());

        // The city: the same figures as the whole report, every case being in its tree.
        var cityOnly = await _host.ReportAsync("?from=2026-11-23&to=2026-12-01&unit=city");
        Assert.Equal((5, 2), (cityOnly.GetProperty("received").GetInt64(), cityOnly.GetProperty("overdue").GetProperty("count").GetInt32()));
        Assert.Equal((2, 5), Rate(cityOnly.GetProperty("rates"), "resolution"));

        // A range without day 1 has none of the received cases, but keeps what fell in it (B's reassignment, the ratings).
        var later = await _host.ReportAsync("?from=2026-11-24&to=2026-12-01");
        Assert.Equal(0, later.GetProperty("received").GetInt64());
        Assert.Equal((0, 1), Rate(later.GetProperty("rates"), "acknowledgement"));
        Assert.Equal((1, 2), Rate(later.GetProperty("rates"), "satisfaction"));
        _host.App.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task A_case_at_23_30_china_time_counts_on_its_day_and_one_at_00_30_on_the_next()
    {
        var clock = _host.App.Clock;
        clock.Advance(new DateTimeOffset(2026, 11, 23, 15, 30, 0, TimeSpan.Zero) - clock.GetUtcNow());
        var late = await _host.RoutedCaseAsync(East);
        clock.Advance(TimeSpan.FromHours(1));
        var early = await _host.RoutedCaseAsync(East);

        var day1 = await _host.ReportAsync("?from=2026-11-23&to=2026-11-23");
        var day2 = await _host.ReportAsync("?from=2026-11-24&to=2026-11-24");
        var both = await _host.ReportAsync("?from=2026-11-23&to=2026-11-24&unit=city");

        Assert.Equal((1, 1, 2), (day1.GetProperty("received").GetInt64(), day2.GetProperty("received").GetInt64(), both.GetProperty("received").GetInt64()));
        Assert.Equal((0, 1), Rate(day1.GetProperty("rates"), "acknowledgement"));
        Assert.Equal((0, 1), Rate(day2.GetProperty("rates"), "acknowledgement"));
        Assert.Equal([1L, 1L], both.GetProperty("daily").EnumerateArray().Select(x => x.GetProperty("received").GetInt64()));

        // Routing run again (a queue retry), and the case projected again as it stands: nothing counts twice.
        await _host.RouteAsync(late.TicketId);
        await _host.App.Services.GetRequiredService<ReportProjection>().ProjectAsync(await _host.CaseAsync(early.TicketId));
        var again = await _host.ReportAsync("?from=2026-11-23&to=2026-11-24");
        Assert.Equal(2, again.GetProperty("received").GetInt64());
        Assert.Equal((0, 2), Rate(again.GetProperty("rates"), "acknowledgement"));
        Assert.Equal(2, Count(again, "byStatus", "assigned"));

        // Taken the next morning: the status moves and the late case's acknowledgement counts on day 1, late.
        clock.Advance(TimeSpan.FromHours(9));
        await _host.AcknowledgeAsync(late.TicketId);
        var after = await _host.ReportAsync("?from=2026-11-23&to=2026-11-24");
        Assert.Equal((1, 1), (Count(after, "byStatus", "assigned"), Count(after, "byStatus", "acknowledged")));
        Assert.Equal(1, after.GetProperty("rates").GetProperty("acknowledgedLate").GetInt64());
        Assert.Equal(1, Day(after, "2026-11-23").GetProperty("rates").GetProperty("acknowledgedLate").GetInt64());

        // An officer corrects the other case's category and priority: it moves between the counts, nothing is added.
        await _host.ReclassifyAsync(early.TicketId, "social_insurance", "urgent");
        var corrected = await _host.ReportAsync("?from=2026-11-23&to=2026-11-24");
        Assert.Equal((1, 1), (Count(corrected, "byCategory", "wage_arrears"), Count(corrected, "byCategory", "social_insurance")));
        Assert.Equal((1, 1), (Count(corrected, "byPriority", "normal"), Count(corrected, "byPriority", "urgent")));
        Assert.Equal(2, corrected.GetProperty("received").GetInt64());
        _host.App.AssertNoUnexpectedWarnings("overdue", "escalat");
    }

    public void Dispose() => _host.Dispose();
}
