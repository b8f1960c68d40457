using System.Net;
using System.Text;
using Hotline.Testing;
using Microsoft.AspNetCore.Http;

namespace Hotline.LocalHost.Tests.Http;

public sealed class HttpForwardingTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>
{
    private static readonly (string, string)[] Functions =
    [
        ("Thing", TestAppRoot.HttpFunction("api/things/{id}", authLevel: "function")),
        ("Page", TestAppRoot.HttpFunction("{*page}")),
        ("Echo", TestAppRoot.HttpFunction("api/echo/{*rest}", "\"get\", \"post\", \"put\", \"delete\"")),
        ("Secret", TestAppRoot.HttpFunction("api/secret", authLevel: "admin")),
        ("Moved", TestAppRoot.HttpFunction("api/moved")),
    ];

    private static readonly System.Text.Json.JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task Forwarding_preserves_method_path_query_headers_and_body()
    {
        await using var fixture = await Fixture.StartAsync(azurite, Functions);
        using HttpRequestMessage request = new(HttpMethod.Put, "/api/echo/a/b?x=1&name=%E5%BC%A0%20%E4%B8%89&x=2")
        {
            Content = new StringContent("报告 body", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("X-Custom", "custom value");

        using HttpResponseMessage response = await fixture.Harness.Client.SendAsync(request);

        RecordedRequest forwarded = Assert.Single(fixture.Handler.Requests, r => r.Path.StartsWith("/api/echo", StringComparison.Ordinal));
        Assert.Equal("PUT", forwarded.Method);
        Assert.Equal("/api/echo/a/b", forwarded.Path);
        Assert.Equal("?x=1&name=%E5%BC%A0%20%E4%B8%89&x=2", forwarded.Query);
        Assert.Equal("报告 body", forwarded.Body);
        Assert.Equal("custom value", forwarded.Header("X-Custom"));
        Assert.Equal("text/plain; charset=utf-8", forwarded.Header("Content-Type"));
        Assert.Equal(fixture.Harness.Host.BaseAddress.Authority, forwarded.Header("Host"));
        Assert.True(Guid.TryParse(forwarded.Header("X-Azure-Functions-InvocationId"), out _));
        Assert.StartsWith("Azure-Functions-Host/", forwarded.Header("User-Agent"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("from-handler", Assert.Single(response.Headers.GetValues("X-Handler")));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("""{"echo":"报告 body"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_literal_route_beats_the_catch_all_and_the_catch_all_takes_the_rest()
    {
        await using var fixture = await Fixture.StartAsync(azurite, Functions);

        using HttpResponseMessage specific = await fixture.Harness.Client.GetAsync("/api/things/42");
        using HttpResponseMessage page = await fixture.Harness.Client.GetAsync("/help/en?lang=en");
        using HttpResponseMessage root = await fixture.Harness.Client.GetAsync("/");

        // Only Thing (authLevel function) answers 401 without a key: the catch-all (anonymous) did not take the request.
        Assert.Equal(HttpStatusCode.Unauthorized, specific.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal(["/help/en?lang=en", "/"], fixture.Handler.Forwarded.Select(r => r.Path + r.Query));
        Assert.DoesNotContain(fixture.Handler.Requests, r => r.Path.StartsWith("/api/things", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Function_level_routes_need_the_function_or_master_key_in_the_header_or_the_code_query()
    {
        await using var fixture = await Fixture.StartAsync(azurite, Functions);
        HttpClient client = fixture.Harness.Client;
        string functionKey = fixture.Harness.Keys.FunctionKey;

        using HttpResponseMessage wrongKey = await client.SendAsync(LocalHostHarness.Request(HttpMethod.Get, "/api/things/1", "not-the-key"));
        using HttpResponseMessage withHeader = await client.SendAsync(LocalHostHarness.Request(HttpMethod.Get, "/api/things/2", functionKey));
        using HttpResponseMessage withQuery = await client.GetAsync($"/api/things/3?code={functionKey}");
        using HttpResponseMessage withMaster = await client.SendAsync(LocalHostHarness.Request(HttpMethod.Get, "/api/things/4", fixture.Harness.Keys.MasterKey));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withHeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withQuery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withMaster.StatusCode);
        Assert.Equal(["/api/things/2", "/api/things/3", "/api/things/4"], fixture.Handler.Requests.Where(r => r.Path.StartsWith("/api/things", StringComparison.Ordinal)).Select(r => r.Path).Order());
        Assert.Equal($"?code={functionKey}", fixture.Handler.Requests.Single(r => r.Path == "/api/things/3").Query);
    }

    [Fact]
    public async Task Admin_level_routes_need_the_master_key()
    {
        await using var fixture = await Fixture.StartAsync(azurite, Functions);

        using HttpResponseMessage withFunctionKey = await fixture.Harness.Client.SendAsync(LocalHostHarness.Request(HttpMethod.Get, "/api/secret", fixture.Harness.Keys.FunctionKey));
        using HttpResponseMessage withMaster = await fixture.Harness.Client.SendAsync(LocalHostHarness.Request(HttpMethod.Get, "/api/secret", fixture.Harness.Keys.MasterKey));

        Assert.Equal(HttpStatusCode.Unauthorized, withFunctionKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withMaster.StatusCode);
        Assert.Single(fixture.Handler.Requests, r => r.Path == "/api/secret");
    }

    [Fact]
    public async Task Redirects_from_the_handler_reach_the_caller_unfollowed()
    {
        await using var fixture = await Fixture.StartAsync(azurite, Functions);

        using HttpResponseMessage response = await fixture.Harness.Client.GetAsync("/api/moved");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/zh-CN/", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain(fixture.Handler.Requests, r => r.Path == "/zh-CN/");
    }

    [Fact]
    public async Task The_route_prefix_is_part_of_the_url_and_of_the_forwarded_path()
    {
        using TestAppRoot app = TestAppRoot.Create(TestAppRoot.HostJson(routePrefix: "api"), ("Thing", TestAppRoot.HttpFunction("things/{id:int}")));
        await using TestHandler handler = await TestHandler.StartAsync(Respond);
        await using LocalHostHarness harness = await LocalHostHarness.StartAsync(app, azurite.ConnectionString, handler);

        using HttpResponseMessage prefixed = await harness.Client.GetAsync("/api/things/7");
        using HttpResponseMessage unprefixed = await harness.Client.GetAsync("/things/7");
        using HttpResponseMessage constraintFails = await harness.Client.GetAsync("/api/things/seven");

        Assert.Equal(HttpStatusCode.OK, prefixed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unprefixed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, constraintFails.StatusCode);
        Assert.Equal("/api/things/7", Assert.Single(handler.Requests, r => r.Path != "/").Path);
    }

    [Fact]
    public async Task The_banner_lists_each_function_with_its_url_and_the_keys()
    {
        await using var fixture = await Fixture.StartAsync(azurite, Functions);
        string banner = fixture.Harness.Banner.ToString();
        string root = fixture.Harness.Host.BaseAddress.ToString().TrimEnd('/');

        Assert.Contains($"Thing: [GET] {root}/api/things/{{id}}  (authLevel function: key required)", banner, StringComparison.Ordinal);
        Assert.Contains($"Echo: [GET,POST,PUT,DELETE] {root}/api/echo/{{*rest}}", banner, StringComparison.Ordinal);
        Assert.Contains($"Page: [GET] {root}/{{*page}}", banner, StringComparison.Ordinal);
        Assert.Contains(fixture.Harness.Keys.MasterKey, banner, StringComparison.Ordinal);
        Assert.Contains(fixture.Harness.Keys.FunctionKey, banner, StringComparison.Ordinal);
        Assert.Contains("x-functions-key", banner, StringComparison.Ordinal);
        Assert.True(fixture.Harness.Logs.Contains("Host started"));
        Assert.DoesNotContain(fixture.Harness.Logs.Entries, e => e.Message.Contains(fixture.Harness.Keys.MasterKey, StringComparison.Ordinal));
    }

    private static async Task Respond(HttpContext context, RecordedRequest request)
    {
        if (request.Path == "/api/moved")
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = "/zh-CN/";
            return;
        }

        if (request.Path.StartsWith("/api/echo", StringComparison.Ordinal))
        {
            context.Response.Headers["X-Handler"] = "from-handler";
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new { echo = request.Body }, RelaxedJson));
            return;
        }

        await context.Response.WriteAsync("ok");
    }

    private sealed class Fixture : IAsyncDisposable
    {
        private Fixture(TestAppRoot app, TestHandler handler, LocalHostHarness harness)
        {
            App = app;
            Handler = handler;
            Harness = harness;
        }

        public TestAppRoot App { get; }

        public TestHandler Handler { get; }

        public LocalHostHarness Harness { get; }

        public static async Task<Fixture> StartAsync(AzuriteInstance azurite, (string, string)[] functions)
        {
            var app = TestAppRoot.Create(TestAppRoot.HostJson(), functions);
            TestHandler handler = await TestHandler.StartAsync(Respond);
            LocalHostHarness harness = await LocalHostHarness.StartAsync(app, azurite.ConnectionString, handler);
            return new Fixture(app, handler, harness);
        }

        public async ValueTask DisposeAsync()
        {
            await Harness.DisposeAsync();
            await Handler.DisposeAsync();
            App.Dispose();
        }
    }
}
