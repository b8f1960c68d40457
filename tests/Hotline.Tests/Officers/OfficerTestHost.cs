using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hotline.Cases;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Hotline.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Officers;

/// <summary>
/// The real app on its own tables (TestDirectory: city ← east, west), with helpers to make routed cases and call the
/// officer API as a given officer. One per test, so no test sees another's cases, tokens or loads.
/// </summary>
public sealed class OfficerTestHost : IDisposable
{
    public const string CallerPhone = "13900001234";

    private static int _callers;
    public const string CallerE164 = "+8613900001234";

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public OfficerTestHost(AzuriteInstance azurite)
    {
        App = new HotlineApp(azurite, new Dictionary<string, string?>
        {
            ["Hotline:Routing:DirectoryPath"] = TestDirectory.WriteToTempFile(),
        });
        Client = App.CreateClient();
    }

    /// <summary>The running app: clock, services, invocations.</summary>
    public HotlineApp App { get; }

    public HotlineStorage Storage => App.Storage;

    public TService Service<TService>()
        where TService : notnull => App.Services.GetRequiredService<TService>();

    public IReadOnlyCollection<string> Logs => App.Logs.Lines;

    public HttpClient Client { get; }

    public CaseStore Cases => Service<CaseStore>();

    /// <summary>Submits a case and runs RouteCase on it: 650102 goes to east (two handlers), 650100 to city (one).</summary>
    public async Task<CaseRecord> NewRoutedCaseAsync(string region = "650102", string? phone = CallerPhone, string description = "厂里拖欠两个月工资")
    {
        var ticket = await SubmitAsync(region, phone, description);
        await RouteAsync(ticket);
        return await GetCaseAsync(ticket);
    }

    public async Task<string> SubmitAsync(string region, string? phone = CallerPhone, string description = "厂里拖欠两个月工资")
    {
        // The same phone and category again within 7 days would be merged into the first case (并单); each test case
        // here stands for a different caller, so the default phone gets a distinct tail per submission.
        if (phone == CallerPhone)
        {
            phone = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"139{Interlocked.Increment(ref _callers) % 100_000_000:D8}");
        }

        using var response = await Client.PostAsJsonAsync("/api/submissions", new { description, phone, region, category = "wage_arrears", consent = true });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticketId").GetString()!;
    }

    public async Task RouteAsync(string ticketId)
    {
        var routed = await App.InvokeAsync("RouteCase", $$"""{"ticketId":"{{ticketId}}"}""");
        Assert.True(routed.Succeeded, routed.FailureMessage);
    }

    public async Task<CaseRecord> GetCaseAsync(string ticketId) => (await Cases.GetAsync(ticketId, default))!.Value.Record;

    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(string ticketId) => await Cases.GetHistoryAsync(ticketId, default);

    /// <summary>Issues a token through the admin endpoint (once per officer per test).</summary>
    public async Task<string> TokenForAsync(string officerId)
    {
        if (!_tokens.TryGetValue(officerId, out var token))
        {
            using var response = await Client.PostAsync($"/api/admin/officers/{officerId}/tokens", null);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
            _tokens[officerId] = token;
        }

        return token;
    }

    public async Task<HttpResponseMessage> GetAsOfficerAsync(string officerId, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenForAsync(officerId));
        return await Client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> PostAsOfficerAsync(string officerId, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenForAsync(officerId));
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        return await Client.SendAsync(request);
    }

    public async Task<List<JsonElement>> TextsAsync(string template) =>
        (await Storage.SmsOutbound.PeekJsonAsync()).Where(t => t.GetProperty("template").GetString() == template).ToList();

    public void Dispose()
    {
        Client.Dispose();
        App.Dispose();
    }
}
