using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.FollowUp;

public sealed class AcknowledgementCheckTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly HotlineApp _app = new(azurite, new Dictionary<string, string?>
    {
        ["Hotline:Routing:DirectoryPath"] = TestDirectory.WriteToTempFile(),
    });

    [Fact]
    public async Task The_officer_of_a_case_not_acknowledged_in_time_is_reminded_once()
    {
        using var client = _app.CreateClient();
        using var submitted = await client.PostAsJsonAsync("/api/submissions", new { description = "工资拖欠", region = "650102", consent = true });
        var ticket = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticketId").GetString()!;
        var routed = await _app.InvokeAsync("RouteCase", $$"""{"ticketId":"{{ticket}}"}""");
        Assert.True(routed.Succeeded, routed.FailureMessage);

        await _app.RunFollowUpsAsync();
        Assert.Empty(await RemindersAsync());

        _app.Clock.Advance(TimeSpan.FromHours(4) + TimeSpan.FromSeconds(1));
        await _app.RunFollowUpsAsync();
        Assert.Equal(0, await _app.RunFollowUpsAsync());

        var reminder = Assert.Single(await RemindersAsync());
        Assert.Equal(ticket, reminder.GetProperty("ticketId").GetString());
        Assert.StartsWith("+86139000090", reminder.GetProperty("to").GetString(), StringComparison.Ordinal);

        _app.AssertNoUnexpectedWarnings();
    }

    private async Task<List<JsonElement>> RemindersAsync() =>
        (await _app.Storage.SmsOutbound.PeekJsonAsync()).Where(t => t.GetProperty("template").GetString() == "ack-reminder").ToList();

    public void Dispose() => _app.Dispose();
}
