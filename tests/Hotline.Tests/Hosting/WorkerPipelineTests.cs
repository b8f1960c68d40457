using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Hosting;

/// <summary>What the worker middleware does for every HTTP function: failures, refusals, and pages for browsers.</summary>
public sealed class WorkerPipelineTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private static HttpRequestMessage FormPost(string description, string language = "zh-CN", string? referer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/submissions")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["description"] = description,
                ["language"] = language,
                ["consent"] = "true",
            }),
        };
        request.Headers.Accept.ParseAdd(BrowserAccept);
        if (referer is not null)
        {
            request.Headers.Referrer = new Uri(referer);
        }

        return request;
    }

    [Fact]
    public async Task An_exception_in_a_function_is_a_500_problem_detail_and_is_logged()
    {
        using var app = new HotlineApp(azurite, services: s => s.AddSingleton<Hotline.Intake.CaseIntake>(_ => throw new InvalidOperationException("The intake is broken.")));
        app.ExpectWarnings("SubmitCase failed");
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/api/submissions", new StringContent("""{"description":"工资拖欠","consent":true}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("intake is broken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains("SubmitCase failed", StringComparison.Ordinal) && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task A_browser_form_post_refused_for_too_many_gets_the_form_again_in_its_language_with_retry_after()
    {
        using var app = new HotlineApp(azurite, new Dictionary<string, string?> { ["Hotline:Intake:SubmissionsPerWindow"] = "1" });
        using var client = app.CreateClient();
        using var first = await client.SendAsync(FormPost("老板拖欠我们三个月工资"));
        using var second = await client.SendAsync(FormPost("Our boss has not paid us for three months", language: "en"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("text/html", second.Content.Headers.ContentType?.MediaType);
        Assert.True(second.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var page = await second.Content.ReadAsStringAsync();
        Assert.Contains("please wait a minute", page, StringComparison.Ordinal);
        Assert.Contains("Our boss has not paid us for three months", page, StringComparison.Ordinal);
        Assert.Single((await app.Storage.CaseRouting.PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task A_browser_form_post_too_large_gets_a_413_page_in_the_language_it_was_sent_from()
    {
        using var app = new HotlineApp(azurite);
        using var client = app.CreateClient();

        using var response = await client.SendAsync(FormPost(new string('x', 40_000), language: "en", referer: app.Host.BaseAddress + "?lang=en"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("too long to send", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await app.Storage.CaseRouting.PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task A_program_posting_too_much_gets_413_problem_json_from_content_length_before_the_body_is_read()
    {
        using var app = new HotlineApp(azurite);
        using var client = app.CreateClient();
        using var content = new ByteArrayContent(new byte[5 * 1024 * 1024]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync("/api/submissions", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Too_many_status_page_lookups_get_a_429_page_in_the_page_language()
    {
        using var app = new HotlineApp(azurite, new Dictionary<string, string?> { ["Hotline:Intake:StatusLookupsPerWindow"] = "1" });
        using var client = app.CreateClient();

        using var first = await client.GetAsync("/status?ticketId=K7M3QX2P&code=ABCDEF&lang=en");
        using var second = await client.GetAsync("/status?ticketId=K7M3QX2P&code=ABCDEF&lang=en");
        using var form = await client.GetAsync("/?lang=en");

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("text/html", second.Content.Headers.ContentType?.MediaType);
        Assert.True(second.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many lookups", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode); // the form itself is not a lookup
    }

    [Fact]
    public async Task An_unknown_page_is_a_404_problem_and_the_stylesheet_is_served_with_its_type()
    {
        using var app = new HotlineApp(azurite);
        using var client = app.CreateClient();

        using var unknown = await client.GetAsync("/nothing-here");
        using var css = await client.GetAsync("/assets/form.css");
        using var otherAsset = await client.GetAsync("/assets/logo.png");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, otherAsset.StatusCode);
    }
}
