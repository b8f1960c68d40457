using System.Net;
using System.Text;
using System.Text.Json;
using Hotline.Testing;

namespace Hotline.LocalHost.Tests.Http;

public sealed class AdminEndpointTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>
{
    [Fact]
    public async Task Invoking_a_function_through_the_admin_api_needs_the_master_key()
    {
        await using var fixture = await Fixture.StartAsync(azurite);

        using HttpResponseMessage noKey = await fixture.InvokeAsync("Tick", null);
        using HttpResponseMessage functionKey = await fixture.InvokeAsync("Tick", fixture.Harness.Keys.FunctionKey);
        Assert.Empty(fixture.Handler.InvocationsOf("Tick"));
        using HttpResponseMessage masterKey = await fixture.InvokeAsync("Tick", fixture.Harness.Keys.MasterKey);

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, functionKey.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, masterKey.StatusCode);
        await Eventually.UntilAsync(() => fixture.Handler.InvocationsOf("Tick").Count == 1, "the timer invocation");
    }

    [Fact]
    public async Task A_queue_function_invoked_through_the_admin_api_gets_the_input_as_its_message()
    {
        await using var fixture = await Fixture.StartAsync(azurite);

        using HttpResponseMessage response = await fixture.InvokeAsync("routecase", fixture.Harness.Keys.MasterKey, """{"input":"{\"ticketId\":\"ADMIN1\"}"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        RecordedRequest invocation = await Eventually.UntilAsync(() => fixture.Handler.InvocationsOf("RouteCase"), i => i.Count == 1, "the queue invocation").ContinueWith(t => t.Result[0]);
        using JsonDocument envelope = invocation.Json();
        Assert.Equal("\"{\\\"ticketId\\\":\\\"ADMIN1\\\"}\"", envelope.RootElement.GetProperty("Data").GetProperty("message").GetString());
        Assert.Equal("0", envelope.RootElement.GetProperty("Metadata").GetProperty("DequeueCount").GetString());
    }

    [Fact]
    public async Task Unknown_and_http_functions_cannot_be_invoked_through_the_admin_api()
    {
        await using var fixture = await Fixture.StartAsync(azurite);

        using HttpResponseMessage unknown = await fixture.InvokeAsync("Nope", fixture.Harness.Keys.MasterKey);
        using HttpResponseMessage http = await fixture.InvokeAsync("Page", fixture.Harness.Keys.MasterKey);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, http.StatusCode);
        Assert.Equal("application/problem+json", http.Content.Headers.ContentType!.MediaType);
    }

    private sealed class Fixture : IAsyncDisposable
    {
        private readonly TestAppRoot app;

        private Fixture(TestAppRoot app, TestHandler handler, LocalHostHarness harness)
        {
            this.app = app;
            Handler = handler;
            Harness = harness;
        }

        public TestHandler Handler { get; }

        public LocalHostHarness Harness { get; }

        public static async Task<Fixture> StartAsync(AzuriteInstance azurite)
        {
            var app = TestAppRoot.Create(
                TestAppRoot.HostJson(),
                ("Tick", TestAppRoot.TimerFunction("0 0 0 1 1 *")),
                ("RouteCase", TestAppRoot.QueueFunction(UniqueName.Queue("admin"))),
                ("Page", TestAppRoot.HttpFunction("{*page}")));
            TestHandler handler = await TestHandler.StartAsync();
            LocalHostHarness harness = await LocalHostHarness.StartAsync(app, azurite.ConnectionString, handler);
            return new Fixture(app, handler, harness);
        }

        public Task<HttpResponseMessage> InvokeAsync(string name, string? key, string body = """{"input":""}""")
        {
            HttpRequestMessage request = LocalHostHarness.Request(HttpMethod.Post, $"/admin/functions/{name}", key);
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            return Harness.Client.SendAsync(request);
        }

        public async ValueTask DisposeAsync()
        {
            await Harness.DisposeAsync();
            await Handler.DisposeAsync();
            app.Dispose();
        }
    }
}
