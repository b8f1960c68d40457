using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hotline.LocalHost.Tests.Http;

/// <summary>HTTP functions through the host and the real worker process (ASP.NET Core integration).</summary>
public sealed class HttpFunctionTests(WorkerHostFixture fixture) : IClassFixture<WorkerHostFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public void The_handshake_lists_every_function_of_the_worker_with_its_trigger()
    {
        IReadOnlyList<FunctionInfo> functions = fixture.Host.Functions;

        Assert.Null(fixture.Host.WorkerError);
        Assert.Equal(
            ["AdminOnly", "AlwaysFails", "Boom", "CatchAll", "Crash", "Echo", "Enqueue", "ItemById", "ItemByNumber", "Now", "OrderPlaced", "RawItem", "Secure", "Slow", "SlowTick", "SpecialItem", "Tick"],
            functions.Select(f => f.Name).Order(StringComparer.Ordinal));
        FunctionInfo echo = functions.Single(f => f.Name == "Echo");
        Assert.Equal(FunctionTriggerKind.Http, echo.Trigger);
        Assert.Equal("/echo/{id}", echo.Route);
        Assert.Equal(["GET", "POST"], echo.Methods);
        Assert.Equal(AuthLevel.Anonymous, echo.AuthLevel);
        Assert.Equal(AuthLevel.Function, functions.Single(f => f.Name == "Secure").AuthLevel);
        Assert.Equal(AuthLevel.Admin, functions.Single(f => f.Name == "AdminOnly").AuthLevel);
        FunctionInfo orders = functions.Single(f => f.Name == "OrderPlaced");
        Assert.Equal(FunctionTriggerKind.Queue, orders.Trigger);
        Assert.Equal(fixture.Settings["OrdersQueue"], orders.QueueName);
        Assert.Equal(FunctionTriggerKind.Timer, functions.Single(f => f.Name == "Tick").Trigger);
        Assert.Equal(fixture.Settings["TickSchedule"], functions.Single(f => f.Name == "Tick").Schedule);
    }

    [Theory]
    [InlineData("/items/special", "SpecialItem")]
    [InlineData("/items/42", "ItemByNumber:42")]
    [InlineData("/items/abc", "ItemById:abc")]
    [InlineData("/elsewhere/deep/file.css", "CatchAll:elsewhere/deep/file.css")]
    [InlineData("/", "CatchAll:")]
    public async Task Routes_resolve_by_precedence_with_their_route_values(string path, string expected)
    {
        string answer = await Client.GetStringAsync(path);

        Assert.Equal(expected, answer);
    }

    [Fact]
    public async Task The_worker_sees_the_path_the_query_bytes_and_the_route_values_unchanged()
    {
        EchoAnswer answer = (await Client.GetFromJsonAsync<EchoAnswer>("/echo/T-42?From=%2B8613900001234&Body=%E4%BD%A0%E5%A5%BD&x=a+b"))!;

        Assert.Equal("T-42", answer.Id);
        Assert.Equal("T-42", answer.RouteId);
        Assert.Equal("/echo/T-42", answer.Path);
        Assert.Equal("?From=%2B8613900001234&Body=%E4%BD%A0%E5%A5%BD&x=a+b", answer.Query);
    }

    [Fact]
    public async Task A_posted_body_reaches_the_function()
    {
        using HttpResponseMessage response = await Client.PostAsync("/echo/b1", new StringContent("投诉内容：噪音"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("投诉内容：噪音", (await response.Content.ReadFromJsonAsync<EchoAnswer>())!.Body);
    }

    [Fact]
    public async Task X_forwarded_headers_are_set_from_the_connection_not_taken_from_the_client()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/fwd");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Host = "abc.tunnel.example";

        using HttpResponseMessage response = await Client.SendAsync(request);
        EchoAnswer answer = (await response.Content.ReadFromJsonAsync<EchoAnswer>())!;

        Assert.Equal("127.0.0.1", answer.RemoteIp);
        Assert.Equal("http", answer.Scheme);
        Assert.Equal("abc.tunnel.example", answer.Host);
    }

    [Fact]
    public async Task A_function_that_throws_answers_500_problem_details()
    {
        using HttpResponseMessage response = await Client.GetAsync("/boom");

        await AssertProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.True(fixture.Logs.Contains("Boom failed on purpose."));
    }

    [Fact]
    public async Task A_method_no_function_answers_gets_a_404_problem()
    {
        using HttpResponseMessage response = await Client.PutAsync("/items/1", new StringContent("x"));

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Auth_levels_need_their_keys_and_answer_problem_details_otherwise()
    {
        await AssertProblemAsync(await Client.GetAsync("/secure"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await Client.GetAsync("/secure?code=wrong"), HttpStatusCode.Unauthorized);
        Assert.Equal("Secure", await Client.GetStringAsync("/secure?code=" + fixture.Host.FunctionKey));
        Assert.Equal("Secure", await Client.GetStringAsync("/secure?code=" + fixture.Host.MasterKey));

        await AssertProblemAsync(await Client.GetAsync("/admin-only?code=" + fixture.Host.FunctionKey), HttpStatusCode.Forbidden);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin-only");
        request.Headers.Add("x-functions-key", fixture.Host.MasterKey);
        using HttpResponseMessage admin = await Client.SendAsync(request);
        Assert.Equal("AdminOnly", await admin.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_header_with_non_ascii_bytes_gets_a_400_problem()
    {
        byte[] request = [.. RawHttp.Ascii("GET /echo/h HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Name: "), .. "张三"u8.ToArray(), .. RawHttp.Ascii("\r\nConnection: close\r\n\r\n")];

        string answer = await RawHttp.SendAsync(fixture.Host.BaseAddress, request);

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_chunked_body_gets_a_400_problem()
    {
        string answer = await RawHttp.SendAsync(
            fixture.Host.BaseAddress,
            RawHttp.Ascii("POST /echo/c HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nZZ\r\n"));

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_shorter_than_its_content_length_gets_a_400_problem()
    {
        string answer = await RawHttp.SendAsync(
            fixture.Host.BaseAddress,
            RawHttp.Ascii("POST /echo/s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nonly ten b"));

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_goes_away_cancels_the_functions_token()
    {
        string tag = "t" + Guid.NewGuid().ToString("N");
        using var goAway = new CancellationTokenSource();

        // The client leaves once the function runs, not after a fixed time: on a busy machine a fixed time could end
        // before the request reached the worker, and then no function would be there to see its token cancelled.
        Task<HttpResponseMessage> call = Client.GetAsync($"/slow/30000?tag={tag}", goAway.Token);
        await Eventually.UntilAsync(() => fixture.Logs.Contains($"Slow started (tag {tag})"), "the function to start");
        await goAway.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        await Eventually.UntilAsync(() => fixture.Logs.Contains($"Slow cancelled (tag {tag})"), "the function to see its token cancelled");
    }

    [Fact]
    public async Task Worker_logs_reach_the_host_log_with_phone_numbers_masked()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/log");
        request.Headers.Add("X-Caller-Phone", "13900001234");

        using HttpResponseMessage response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.UntilAsync(() => fixture.Logs.Contains("Echo log for caller *********34"), "the worker's log line");
        Assert.DoesNotContain(fixture.Logs.Entries, e => e.Message.Contains("13900001234", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_admin_api_needs_the_master_key()
    {
        await AssertProblemAsync(await Client.PostAsJsonAsync("/admin/functions/Tick", new { input = "" }), HttpStatusCode.Unauthorized);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/admin/functions/Tick") { Content = JsonContent.Create(new { input = "" }) };
        wrong.Headers.Add("x-functions-key", fixture.Host.FunctionKey);
        await AssertProblemAsync(await Client.SendAsync(wrong), HttpStatusCode.Forbidden);
        using var http = new HttpRequestMessage(HttpMethod.Post, "/admin/functions/Echo") { Content = JsonContent.Create(new { input = "" }) };
        http.Headers.Add("x-functions-key", fixture.Host.MasterKey);
        await AssertProblemAsync(await Client.SendAsync(http), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Without_the_start_setting_the_clock_is_real_and_cannot_be_moved()
    {
        using var move = new HttpRequestMessage(HttpMethod.Post, "/admin/clock") { Content = JsonContent.Create(new { advance = "PT8H" }) };
        move.Headers.Add("x-functions-key", fixture.Host.MasterKey);
        using var get = new HttpRequestMessage(HttpMethod.Get, "/admin/clock");
        get.Headers.Add("x-functions-key", fixture.Host.MasterKey);

        await AssertProblemAsync(await Client.SendAsync(move), HttpStatusCode.Conflict);
        using HttpResponseMessage shown = await Client.SendAsync(get);
        using JsonDocument state = JsonDocument.Parse(await shown.Content.ReadAsStringAsync());
        Assert.False(state.RootElement.GetProperty("moved").GetBoolean());
        Assert.Equal("PT0S", state.RootElement.GetProperty("ahead").GetString());
        DateTimeOffset worker = DateTimeOffset.Parse(await Client.GetStringAsync("/now"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True((worker - DateTimeOffset.UtcNow).Duration() < TimeSpan.FromMinutes(1), $"the worker's clock says {worker:o}");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        }
    }

    private sealed record EchoAnswer(string Function, string Id, string? RouteId, string Method, string Path, string Query, string? RemoteIp, string Scheme, string Host, string Body);
}
