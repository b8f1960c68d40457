using System.Net;
using System.Text.RegularExpressions;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using static Hotline.Tests.Reports.ReportTestHost;

namespace Hotline.Tests.Reports;

/// <summary>The admin page's HTML through the real pipeline: the key, the figures, the escaping, the 400 page, both languages.</summary>
public sealed partial class AdminPageTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    /// <summary>The test directory with an east county whose name must be escaped wherever it is written.</summary>
    private const string HostileEastName = "东县<script>alert(1)</script>&\"工会'";

    private readonly ReportTestHost _host = new(azurite, TestDirectory.Json.Replace("东县总工会", HostileEastName.Replace("\"", "\\\"", StringComparison.Ordinal), StringComparison.Ordinal));

    private string Key => _host.App.Host.MasterKey;

    private async Task<(HttpResponseMessage Response, string Html)> GetAsync(string path)
    {
        var response = await _host.Client.GetAsync(path);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_page_shows_the_figures_charts_and_tables_escapes_names_and_keeps_the_key_in_its_links()
    {
        var a = await _host.RoutedCaseAsync(East);
        var c = await _host.RoutedCaseAsync(City);
        _host.App.Clock.Advance(TimeSpan.FromHours(1));
        await _host.AcknowledgeAsync(a.TicketId);
        _host.App.Clock.Advance(TimeSpan.FromHours(4));

        var (response, html) = await GetAsync($"/api/admin/dashboard?from=2026-11-23&to=2026-11-23&code={Key}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"referrer\" content=\"no-referrer\">", html, StringComparison.Ordinal);

        // Nothing from anywhere else: no script, no external stylesheet or image.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(ExternalReference(), html);

        // The figures: two received, one of two acknowledged on time, the city's case overdue.
        Assert.Matches("id=\"kpi-received\"><dt>受理量</dt><dd>2<", html);
        Assert.Matches("id=\"kpi-acknowledgement\"><dt>响应率</dt><dd>50%<span class=\"sub\">按时签收 1/2", html);
        Assert.Matches("id=\"kpi-overdue\"><dt>当前超期</dt><dd>1<", html);
        Assert.Contains($"<tr><th scope=\"row\">{c.TicketId}</th><td>测试市总工会</td><td>欠薪/劳动报酬</td><td>一般</td><td>超时未签收</td><td>2026-11-23 14:00</td></tr>", html, StringComparison.Ordinal);

        // Three charts, each an image with a title and a description; the rates chart drew its points.
        Assert.Equal(3, Regex.Count(html, "<svg viewBox=\"0 0 480 \\d+\" role=\"img\" aria-labelledby=\"(rates|categories|units)-title \\1-desc\""));
        Assert.Contains("<title id=\"rates-title\">三率走势（按日）</title>", html, StringComparison.Ordinal);
        Assert.Contains("<title>2026-11-23 响应率 50% (1/2)</title>", html, StringComparison.Ordinal);
        Assert.Contains(">欠薪/劳动报酬</text>", html, StringComparison.Ordinal);

        // The hostile unit name is text everywhere: chart, table, the unit list of the form.
        var escaped = "东县&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;工会&#39;";
        Assert.DoesNotContain(HostileEastName, html, StringComparison.Ordinal);
        Assert.Contains($"<th scope=\"row\" class=\"depth-1\">{escaped}</th>", html, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"east\">\u3000{escaped}</option>", html, StringComparison.Ordinal);

        // The key stays with the person: in the form, the language switch and the ledger's link (same range).
        Assert.Contains($"<input type=\"hidden\" name=\"code\" value=\"{Key}\">", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/admin/dashboard?from=2026-11-23&amp;to=2026-11-23&amp;lang=en&amp;code={Uri.EscapeDataString(Key)}\" lang=\"en\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/admin/ledger.csv?from=2026-11-23&amp;to=2026-11-23&amp;code={Uri.EscapeDataString(Key)}\" download>", html, StringComparison.Ordinal);

        var (county, countyHtml) = await GetAsync($"/api/admin/dashboard?from=2026-11-23&to=2026-11-23&unit=east&lang=en&code={Key}");
        Assert.Equal(HttpStatusCode.OK, county.StatusCode);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", countyHtml, StringComparison.Ordinal);
        Assert.Contains("<option value=\"east\" selected>", countyHtml, StringComparison.Ordinal);
        Assert.Matches("id=\"kpi-received\"><dt>Cases received</dt><dd>1<", countyHtml);
        Assert.Contains("No case is overdue.", countyHtml, StringComparison.Ordinal);
        Assert.Contains("/api/admin/ledger.csv?from=2026-11-23&amp;to=2026-11-23&amp;unit=east&amp;code=", countyHtml, StringComparison.Ordinal);
        _host.App.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task A_bad_range_is_a_400_page_that_names_the_problem_and_keeps_what_was_typed_as_text()
    {
        var (response, html) = await GetAsync($"/api/admin/dashboard?from=2026-11-24&to=2026-11-23&lang=en&code={Key}");
        var (typed, typedHtml) = await GetAsync("/api/admin/dashboard?from=%3Cb%3Ex%3C%2Fb%3E&unit=%22nowhere");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#from\">Check the start date: yyyy-MM-dd, not after the end date.</a>", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"date\" id=\"from\" name=\"from\" value=\"2026-11-24\">", html, StringComparison.Ordinal);
        Assert.Contains($"<input type=\"hidden\" name=\"code\" value=\"{Key}\">", html, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);
        Assert.DoesNotContain("<b>x</b>", typedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"&lt;b&gt;x&lt;/b&gt;\"", typedHtml, StringComparison.Ordinal);
        Assert.Contains("没有这个单位", typedHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_leads_to_the_page_with_its_query_and_the_page_needs_the_key()
    {
        using var anonymous = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = _host.Client.BaseAddress };

        using var redirect = await anonymous.GetAsync("/admin?from=2026-11-01&lang=en&code=abc");
        using var page = await anonymous.GetAsync("/api/admin/dashboard");
        using var wrongKey = await anonymous.GetAsync("/api/admin/dashboard?code=not-the-key");

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/api/admin/dashboard?from=2026-11-01&lang=en&code=abc", redirect.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
    }

    [GeneratedRegex("(src|href)=\"(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    public void Dispose() => _host.Dispose();
}
