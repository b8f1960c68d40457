using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hotline.Cases;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Hotline.Tests.SmsInbound.TwilioWebhook;

namespace Hotline.Tests.Reports;

/// <summary>
/// The real app on its own tables (TestDirectory: city ← east, west; west has nobody on duty, so its cases go to
/// city), with the helpers a report test needs: cases submitted and routed, officers' actions over HTTP with their
/// bearer tokens, callers' answers by signed SMS, and the report itself.
/// </summary>
public sealed class ReportTestHost : IDisposable
{
    public const string East = "650102";
    public const string City = "650100";

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    /// <param name="azurite">The shared Azurite.</param>
    /// <param name="directoryJson">A directory other than TestDirectory's (same unit ids), e.g. with names to escape.</param>
    public ReportTestHost(AzuriteInstance azurite, string? directoryJson = null)
    {
        if (directoryJson is null)
        {
            App = App(azurite);
        }
        else
        {
            var path = Path.Combine(Path.GetTempPath(), $"hotline-directory-{Guid.NewGuid():N}.json");
            File.WriteAllText(path, directoryJson);
            App = new HotlineApp(azurite, new Dictionary<string, string?>
            {
                ["Hotline:Routing:DirectoryPath"] = path,
                ["Hotline:Routing:DefaultUnitId"] = "city",
                ["Hotline:Sms:Twilio:AuthToken"] = AuthToken,
                ["Hotline:Sms:Twilio:WebhookBaseUrl"] = BaseUrl,
            });
        }

        Client = App.CreateClient();
    }

    public HotlineApp App { get; }

    public HttpClient Client { get; }

    public CaseStore Cases => App.Services.GetRequiredService<CaseStore>();

    public async Task<CaseRecord> CaseAsync(string ticketId) => (await Cases.GetAsync(ticketId, default))!.Value.Record;

    /// <summary>A web report from a new caller in <paramref name="region"/>, routed; returns the ticket id and the caller's phone.</summary>
    public async Task<(string TicketId, string Phone)> RoutedCaseAsync(string region)
    {
        var phone = NewCallerPhone();
        using var submitted = await Client.PostAsJsonAsync("/api/submissions", new { description = "工地拖欠三个月工资", phone, region, category = "wage_arrears", consent = true });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var ticket = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticketId").GetString()!;
        await RouteAsync(ticket);
        return (ticket, phone);
    }

    public async Task RouteAsync(string ticketId)
    {
        var routed = await App.InvokeAsync("RouteCase", $$"""{"ticketId":"{{ticketId}}"}""");
        Assert.True(routed.Succeeded, routed.FailureMessage);
    }

    /// <summary>The case's officer acknowledges it (HTTP, bearer token).</summary>
    public Task AcknowledgeAsync(string ticketId) => ActAsync(ticketId, "acknowledge", null);

    public Task ResolveAsync(string ticketId) => ActAsync(ticketId, "resolve", new { note = "已协调企业发放全部欠薪" });

    public Task ReclassifyAsync(string ticketId, string category, string priority) =>
        ActAsync(ticketId, "reclassify", new { category, priority, reason = "来电补充：涉及社保断缴，人数较多" });

    public Task TransferAsync(string ticketId, string unitId) => ActAsync(ticketId, "transfer", new { unitId, reason = "涉及全市多家企业" });

    /// <summary>The caller answers the callback survey by text.</summary>
    public async Task RateAsync(string phone, int rating) =>
        Assert.Contains("感谢", await ReplyToAsync(Client, phone, rating.ToString(System.Globalization.CultureInfo.InvariantCulture)), StringComparison.Ordinal);

    public async Task<JsonElement> ReportAsync(string query)
    {
        using var response = await Client.GetAsync("/api/admin/report" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task ActAsync(string ticketId, string action, object? body)
    {
        var officer = (await CaseAsync(ticketId)).OfficerId!;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{ticketId}/{action}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenForAsync(officer));
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await Client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action} {ticketId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<string> TokenForAsync(string officerId)
    {
        if (!_tokens.TryGetValue(officerId, out var token))
        {
            using var response = await Client.PostAsync($"/api/admin/officers/{officerId}/tokens", null);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            token = _tokens[officerId] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        }

        return token;
    }

    public void Dispose()
    {
        Client.Dispose();
        App.Dispose();
    }
}
