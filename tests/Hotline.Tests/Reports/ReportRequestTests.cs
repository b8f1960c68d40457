using System.Net;
using System.Text.Json;
using Hotline.Testing;
using Hotline.Tests.Officers;

namespace Hotline.Tests.Reports;

/// <summary>What <c>GET /api/admin/report</c> accepts: the admin key, China dates, a bounded range, a known unit.</summary>
public sealed class ReportRequestTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly ReportTestHost _host = new(azurite);

    [Theory]
    [InlineData("?from=2026-11-31", "from")]
    [InlineData("?to=23/11/2026", "to")]
    [InlineData("?from=2026-11-23&to=2026-11-22", "from")]
    [InlineData("?from=2025-11-22&to=2026-11-23", "to")]
    [InlineData("?unit=nowhere", "unit")]
    public async Task A_bad_range_or_unit_is_a_400_naming_the_field(string query, string field)
    {
        using var response = await _host.Client.GetAsync("/api/admin/report" + query);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Without_dates_it_covers_the_30_china_days_up_to_today()
    {
        // 2026-11-23 02:00 UTC is 10:00 on the 23rd in China.
        var report = await _host.ReportAsync("");

        Assert.Equal(("2026-10-25", "2026-11-23"), (report.GetProperty("from").GetString(), report.GetProperty("to").GetString()));
        Assert.Equal(30, report.GetProperty("daily").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("rates").GetProperty("acknowledgement").GetProperty("rate").ValueKind);
        Assert.Equal(366, (await _host.ReportAsync("?from=2025-11-23&to=2026-11-23")).GetProperty("daily").GetArrayLength());
    }

    [Fact]
    public async Task Without_the_admin_key_it_is_a_401()
    {
        using var anonymous = new HttpClient { BaseAddress = _host.Client.BaseAddress };
        using var response = await anonymous.GetAsync("/api/admin/report");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public void Dispose() => _host.Dispose();
}
