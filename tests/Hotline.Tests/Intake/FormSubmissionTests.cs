using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Intake;

/// <summary>The web form's post, as a browser sends it (no JavaScript): the pages it answers with.</summary>
public sealed partial class FormSubmissionTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly HotlineApp _app = new(azurite);

    private static HttpRequestMessage FormPost(string body, string accept = "text/html,application/xhtml+xml")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/submissions")
        {
            Content = new ByteArrayContent(Encoding.ASCII.GetBytes(body)) { Headers = { { "Content-Type", "application/x-www-form-urlencoded" } } },
        };
        request.Headers.Add("Accept", accept);
        return request;
    }

    [Theory]
    [InlineData("zh-CN", "查看办理进度")]
    [InlineData("en", "See progress")]
    public async Task The_confirmation_pages_progress_button_opens_the_status_page_that_works(string language, string label)
    {
        using var client = _app.CreateClient();
        var form = "description=" + Uri.EscapeDataString("工地拖欠三个月工资") + "&phone=13900001234&region=621124&consent=on&language=" + language;

        using var request = FormPost(form);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var link = StatusLink().Match(html);
        Assert.True(link.Success, html);
        Assert.Equal(label, link.Groups["label"].Value);
        var href = WebUtility.HtmlDecode(link.Groups["href"].Value);
        Assert.Matches("/status\\?ticketId=[0-9A-Z]{8}&code=[0-9A-Z]{6}", href);
        Assert.DoesNotContain("/api/", href, StringComparison.Ordinal);

        using var page = await client.GetAsync(new Uri(href, UriKind.RelativeOrAbsolute).IsAbsoluteUri ? new Uri(href).PathAndQuery : href);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("text/html", page.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_confirmation_page_does_not_claim_the_code_is_shown_only_there_since_the_sms_carries_it()
    {
        using var client = _app.CreateClient();
        using var request = FormPost("description=" + Uri.EscapeDataString("工地拖欠三个月工资") + "&phone=13900001234&consent=on&language=en");
        using var response = await client.SendAsync(request);

        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("shown only here", html, StringComparison.Ordinal);
        Assert.Contains("text message", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("description=%FF%FE%E6%AC&consent=on")]
    [InlineData("description=%E6%AC&consent=on")]
    [InlineData("description=ok%C0%AFreport&consent=on")]
    public async Task A_form_post_with_invalid_utf8_is_refused_with_400_and_nothing_is_stored(string body)
    {
        using var client = _app.CreateClient();

        using var browser = FormPost(body);
        using var page = await client.SendAsync(browser);
        using var program = FormPost(body, accept: "application/json");
        using var problem = await client.SendAsync(program);

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.StartsWith("text/html", page.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
        var errors = (await problem.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("description", out _), errors.ToString());
        Assert.Empty((await _app.Storage.CaseRouting.PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task A_form_post_with_raw_bytes_that_are_not_utf8_is_refused_with_400()
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/submissions")
        {
            Content = new ByteArrayContent([.. "description="u8, 0xE6, 0xAC, .. "&consent=on"u8]) { Headers = { { "Content-Type", "application/x-www-form-urlencoded" } } },
        };
        request.Headers.Add("Accept", "application/json");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty((await _app.Storage.CaseRouting.PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task The_english_form_names_places_in_english_where_the_directory_has_an_english_name()
    {
        using var client = _app.CreateClient();

        var english = await client.GetStringAsync("/?lang=en");
        var chinese = await client.GetStringAsync("/");

        Assert.Contains("Lintao County</option>", english, StringComparison.Ordinal);
        Assert.Contains("Hubei Province</option>", english, StringComparison.Ordinal);
        Assert.DoesNotContain("临洮县</option>", english, StringComparison.Ordinal);
        Assert.Contains("临洮县</option>", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("Lintao", chinese, StringComparison.Ordinal);
    }

    public void Dispose() => _app.Dispose();

    [GeneratedRegex("<a class=\"button\" id=\"status-link\" href=\"(?<href>[^\"]+)\">(?<label>[^<]+)</a>")]
    private static partial Regex StatusLink();
}
