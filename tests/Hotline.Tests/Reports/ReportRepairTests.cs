using Hotline.Testing;
using static Hotline.Tests.Reports.ReportTestHost;

namespace Hotline.Tests.Reports;

/// <summary>When the report cannot count a change, the change stands, the failure is logged, and the case's next change counts it all.</summary>
public sealed class ReportRepairTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly ReportTestHost _host = new(azurite);

    [Fact]
    public async Task A_change_the_report_missed_is_counted_by_the_cases_next_change()
    {
        var (ticket, _) = await _host.RoutedCaseAsync(East);

        // The aggregate's table is gone (storage trouble): the officer's acknowledgement still saves.
        await _host.App.Storage.ReportDays.DeleteAsync();
        _host.App.ExpectWarnings("The report could not count case");
        _host.App.Clock.Advance(TimeSpan.FromHours(1));
        await _host.AcknowledgeAsync(ticket);
        Assert.Equal("acknowledged", (await _host.CaseAsync(ticket)).Status);
        Assert.Contains(_host.App.Logs.Lines, l => l.Contains($"The report could not count case {ticket}", StringComparison.Ordinal));

        await _host.App.Storage.ReportDays.CreateIfNotExistsAsync();
        var missed = await _host.ReportAsync("?from=2026-11-23&to=2026-11-23");
        Assert.Equal(0, missed.GetProperty("received").GetInt64());

        // The resolve projects the whole case again: received, acknowledged on time, and now resolved.
        await _host.ResolveAsync(ticket);
        var repaired = await _host.ReportAsync("?from=2026-11-23&to=2026-11-30");
        Assert.Equal(1, repaired.GetProperty("received").GetInt64());
        Assert.Equal(1, repaired.GetProperty("byStatus").GetProperty("resolved").GetInt64());
        Assert.Equal(1, repaired.GetProperty("rates").GetProperty("acknowledgement").GetProperty("numerator").GetInt64());
        Assert.Equal(1, repaired.GetProperty("rates").GetProperty("resolution").GetProperty("numerator").GetInt64());
    }

    [Fact]
    public async Task A_rebuild_counts_a_ranges_cases_again_from_what_they_are_now()
    {
        var (ticket, _) = await _host.RoutedCaseAsync(East);
        await _host.AcknowledgeAsync(ticket);
        await _host.ResolveAsync(ticket);
        var before = (await _host.ReportAsync("?from=2026-11-23&to=2026-11-30")).ToString();

        // Everything the aggregate held is lost; the case will not change again by itself.
        await _host.App.Storage.ReportDays.DeleteAsync();
        await _host.App.Storage.ReportDays.CreateIfNotExistsAsync();
        Assert.Equal(0, (await _host.ReportAsync("?from=2026-11-23&to=2026-11-30")).GetProperty("received").GetInt64());

        using var rebuilt = await _host.Client.PostAsync("/api/admin/report/rebuild?from=2026-11-23&to=2026-11-23", null);
        Assert.Equal(System.Net.HttpStatusCode.OK, rebuilt.StatusCode);
        Assert.Equal("""{"from":"2026-11-23","to":"2026-11-23","cases":1}""", await rebuilt.Content.ReadAsStringAsync());
        Assert.Equal(before, (await _host.ReportAsync("?from=2026-11-23&to=2026-11-30")).ToString());

        // Run again, it changes nothing; a range too long, or without dates, is refused.
        using var again = await _host.Client.PostAsync("/api/admin/report/rebuild?from=2026-11-23&to=2026-11-23", null);
        Assert.Equal(before, (await _host.ReportAsync("?from=2026-11-23&to=2026-11-30")).ToString());
        using var tooLong = await _host.Client.PostAsync("/api/admin/report/rebuild?from=2026-10-01&to=2026-11-23", null);
        using var noDates = await _host.Client.PostAsync("/api/admin/report/rebuild", null);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, noDates.StatusCode);
    }

    public void Dispose() => _host.Dispose();
}
