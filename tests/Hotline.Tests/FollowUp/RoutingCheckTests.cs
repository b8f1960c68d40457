using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.FollowUp;

public sealed class RoutingCheckTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly HotlineApp _app = new(azurite, new Dictionary<string, string?>
    {
        ["Hotline:Routing:DirectoryPath"] = TestDirectory.WriteToTempFile(),
    });

    private static async Task<string> SubmitAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/submissions", new { description = "欠薪", region = "650102", consent = true });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticketId").GetString()!;
    }

    private async Task<List<string?>> RoutingMessagesAsync() =>
        (await _app.Storage.CaseRouting.PeekJsonAsync()).Select(m => m.GetProperty("ticketId").GetString()).ToList();

    [Fact]
    public async Task A_case_whose_routing_message_was_lost_is_queued_again_once_the_grace_period_is_over()
    {
        _app.ExpectWarnings("was still not routed");
        using var client = _app.CreateClient();
        var stalled = await SubmitAsync(client);
        var routed = await SubmitAsync(client);
        var routing = await _app.InvokeAsync("RouteCase", $$"""{"ticketId":"{{routed}}"}""");
        Assert.True(routing.Succeeded, routing.FailureMessage);

        // The routed case's check is not due yet either: nothing is dispatched before the grace period is over.
        Assert.Equal(0, await _app.RunFollowUpsAsync());
        Assert.Equal(2, (await RoutingMessagesAsync()).Count);

        _app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.Equal(2, await _app.RunFollowUpsAsync());
        Assert.Equal(0, await _app.RunFollowUpsAsync());

        var messages = await RoutingMessagesAsync();
        Assert.Equal(2, messages.Count(m => m == stalled));
        Assert.Equal(1, messages.Count(m => m == routed));
    }

    [Fact]
    public async Task A_case_that_never_gets_routed_is_given_up_after_the_configured_tries()
    {
        _app.ExpectWarnings("was still not routed", "could not be routed after");
        using var client = _app.CreateClient();
        var stalled = await SubmitAsync(client);

        for (var i = 0; i < 6; i++)
        {
            _app.Clock.Advance(TimeSpan.FromMinutes(6));
            await _app.RunFollowUpsAsync();
        }

        // The first message plus three requeues; then it is left for a person (logged as an error).
        Assert.Equal(4, (await RoutingMessagesAsync()).Count(m => m == stalled));
    }

    public void Dispose() => _app.Dispose();
}
