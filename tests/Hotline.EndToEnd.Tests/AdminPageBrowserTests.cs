using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hotline.Testing;
using Xunit.Abstractions;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// The admin page in headless Chromium against the local run (tests/browser/admin-page.test.mjs), after a few real
/// reports: routed by the running app, some acknowledged by their officers over the API. The screenshots (laptop and
/// phone width, both languages) land in the test's output folder, <c>screenshots/</c>.
/// </summary>
public sealed partial class AdminPageBrowserTests(LocalHostProcess host, ITestOutputHelper output) : IClassFixture<LocalHostProcess>
{
    private static readonly (string Region, string Category)[] Reports =
    [
        ("621124", "wage_arrears"), ("621124", "social_insurance"), ("621102", "wage_arrears"),
        ("621100", "work_injury"), ("420302", "labor_contract"), ("621124", "wage_arrears"),
    ];

    [Fact]
    public async Task The_page_draws_its_charts_and_tables_on_a_laptop_and_a_phone_in_both_languages()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "Chromium is not installed: run scripts/install-chromium.sh (./test.sh does).");
        using var client = host.CreateClient();
        var tickets = new List<string>();
        for (var i = 0; i < Reports.Length; i++)
        {
            tickets.Add(await SubmitAsync(client, Reports[i].Region, Reports[i].Category, i));
        }

        // Half of them taken by their officers, so the rates have something on time.
        foreach (var ticket in tickets.Take(3))
        {
            await AcknowledgeAsync(client, ticket);
        }

        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { "--test", "--test-reporter=tap", Path.Combine("tests", "browser", "admin-page.test.mjs") },
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["BASE_URL"] = host.BaseAddress.ToString();
        start.Environment["ADMIN_KEY"] = host.MasterKey;
        start.Environment["SCREENSHOT_DIR"] = shots;
        start.Environment["EXPECTED_RECEIVED"] = Reports.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));

        var text = await stdout + await stderr;
        output.WriteLine(text);
        Assert.True(node.ExitCode == 0, text);
        Assert.Contains("# pass 4", text, StringComparison.Ordinal);
        Assert.Contains("# fail 0", text, StringComparison.Ordinal);
        foreach (var name in new[] { "admin-zh-laptop", "admin-zh-phone", "admin-en-phone", "admin-error-phone" })
        {
            Assert.True(new FileInfo(Path.Combine(shots, name + ".png")).Length > 10_000, $"screenshot {name}");
        }
    }

    private static async Task<string> SubmitAsync(HttpClient client, string region, string category, int i)
    {
        using var response = await client.PostAsJsonAsync("api/submissions", new
        {
            description = "工地拖欠我们三个月工资，二十多个工友都没拿到钱",
            phone = $"1391234{i:D4}",
            region,
            category,
            consent = true,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticketId").GetString()!;
    }

    /// <summary>Waits for the running app to route the case, then its officer (named in the audit trail) acknowledges it.</summary>
    private async Task AcknowledgeAsync(HttpClient client, string ticket)
    {
        string? officer = null;
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60); officer is null; await Task.Delay(200))
        {
            Assert.True(DateTime.UtcNow < deadline, $"case {ticket} was not assigned within 60 s");
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/admin/cases/{ticket}/history");
            request.Headers.Add("x-functions-key", host.MasterKey);
            using var response = await client.SendAsync(request);
            officer = AssignedOfficer().Match(await response.Content.ReadAsStringAsync()) is { Success: true } m ? m.Groups[1].Value : null;
        }

        using var issue = new HttpRequestMessage(HttpMethod.Post, $"api/admin/officers/{officer}/tokens");
        issue.Headers.Add("x-functions-key", host.MasterKey);
        using var issued = await client.SendAsync(issue);
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();

        using var acknowledge = new HttpRequestMessage(HttpMethod.Post, $"api/cases/{ticket}/acknowledge");
        acknowledge.Headers.Add("x-functions-key", host.FunctionKey);
        acknowledge.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var acknowledged = await client.SendAsync(acknowledge);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
    }

    [GeneratedRegex("officer (o-[a-z0-9-]+)")]
    private static partial Regex AssignedOfficer();
}
