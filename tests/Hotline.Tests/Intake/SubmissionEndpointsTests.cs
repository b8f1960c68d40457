using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hotline.Cases;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Intake;

public sealed class SubmissionEndpointsTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IDisposable
{
    private readonly HotlineApp _app = new(azurite);

    private static object ValidReport => new
    {
        description = "我们工地二十多名工人被拖欠三个月工资，老板一直不露面。",
        phone = "139 0000 1234",
        name = "张师傅",
        region = "621124",
        employer = "某建筑公司",
        affectedCount = 23,
        consent = true,
    };

    [Fact]
    public async Task Json_submission_answers_202_with_ticket_and_tracking_code_once_the_case_is_stored_and_queued()
    {
        using var client = _app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/submissions", ValidReport);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var ticketId = body.GetProperty("ticketId").GetString()!;
        Assert.Matches("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$", ticketId);
        Assert.Equal("received", body.GetProperty("status").GetString());
        var statusUrl = body.GetProperty("statusUrl").GetString()!;
        Assert.Contains($"/api/submissions/{ticketId}?code=", statusUrl, StringComparison.Ordinal);
        Assert.Equal(statusUrl, response.Headers.Location?.ToString());

        var stored = await _app.Services.GetRequiredService<CaseStore>().GetAsync(ticketId, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal("+8613900001234", stored.Value.Record.Phone);
        Assert.Equal(23, stored.Value.Record.AffectedCount);
        Assert.Equal("zh-CN", stored.Value.Record.Language);
        Assert.Equal(CaseStatus.Received, stored.Value.Record.Status);

        var message = Assert.Single(await _app.Storage.CaseRouting.PeekJsonAsync());
        Assert.Equal(ticketId, message.GetProperty("ticketId").GetString());
        Assert.Single((await _app.Storage.SmsOutbound.PeekMessagesAsync(32)).Value);

        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task Status_is_shown_with_the_right_code_and_hidden_alike_for_a_wrong_code_or_unknown_ticket()
    {
        using var client = _app.CreateClient();
        using var created = await client.PostAsJsonAsync("/api/submissions", ValidReport);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var ticketId = body.GetProperty("ticketId").GetString()!;
        var code = body.GetProperty("trackingCode").GetString()!;

        using var ok = await client.GetAsync($"/api/submissions/{ticketId.ToLowerInvariant()}?code={code}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var status = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("received", status.GetProperty("status").GetString());
        Assert.False(status.TryGetProperty("phone", out _));
        Assert.False(status.TryGetProperty("description", out _));

        using var wrongCode = await client.GetAsync($"/api/submissions/{ticketId}?code=XXXXXX");
        using var unknown = await client.GetAsync($"/api/submissions/ZZZZZZZZ?code={code}");
        using var malformed = await client.GetAsync("/api/submissions/0O1IL?code=x");
        Assert.Equal(HttpStatusCode.NotFound, wrongCode.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        var a = await wrongCode.Content.ReadFromJsonAsync<JsonElement>();
        var b = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
        Assert.Equal(a.GetProperty("detail").GetString(), b.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Invalid_submission_lists_every_problem_and_writes_nothing()
    {
        using var client = _app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/submissions", new
        {
            description = "   ",
            phone = "12345",
            region = "62AB",
            category = "gossip",
            affectedCount = -3,
            language = "fr",
            consent = false,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "description", "phone", "region", "category", "affectedCount", "language", "consent" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        }

        Assert.Empty((await _app.Storage.CaseRouting.PeekMessagesAsync(32)).Value);
        Assert.Empty(await ToListAsync(_app.Storage.Cases.QueryAsync<Azure.Data.Tables.TableEntity>()));
    }

    [Fact]
    public async Task Wrongly_typed_json_fields_are_field_errors_not_server_errors()
    {
        using var client = _app.CreateClient();
        using var content = new StringContent("""{"description":{"x":1},"affectedCount":"many","consent":"yes please","phone":[1]}""", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/submissions", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("description", out _));
        Assert.True(errors.TryGetProperty("affectedCount", out _));
        Assert.True(errors.TryGetProperty("phone", out _));
    }

    [Theory]
    [InlineData("{\"description\":\"a \\ud800\",\"consent\":true}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"\\udc00\":\"x\",\"consent\":true}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"description\":", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[1,2,3]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("description=x", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("<xml/>", "application/xml", HttpStatusCode.UnsupportedMediaType)]
    public async Task Malformed_or_unsupported_bodies_get_a_problem_detail(string body, string mediaType, HttpStatusCode expected)
    {
        using var client = _app.CreateClient();
        using var content = new StringContent(body, Encoding.UTF8, mediaType);

        using var response = await client.PostAsync("/api/submissions", content);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Oversized_body_gets_413_and_writes_nothing()
    {
        using var client = _app.CreateClient();
        var huge = JsonSerializer.Serialize(new { description = new string('欠', 40_000), consent = true });
        using var content = new StringContent(huge, Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/submissions", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty((await _app.Storage.CaseRouting.PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task Repeating_an_idempotency_key_returns_the_first_answer_and_makes_one_case()
    {
        using var client = _app.CreateClient();
        async Task<(HttpStatusCode, string)> Post()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/submissions") { Content = JsonContent.Create(ValidReport) };
            request.Headers.Add("Idempotency-Key", "retry-7f3a");
            using var response = await client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var first = await Post();
        var second = await Post();

        Assert.Equal(HttpStatusCode.Accepted, first.Item1);
        Assert.Equal(HttpStatusCode.Accepted, second.Item1);
        var a = JsonDocument.Parse(first.Item2).RootElement;
        var b = JsonDocument.Parse(second.Item2).RootElement;
        Assert.Equal(a.GetProperty("ticketId").GetString(), b.GetProperty("ticketId").GetString());
        Assert.Equal(a.GetProperty("trackingCode").GetString(), b.GetProperty("trackingCode").GetString());
        Assert.Single((await _app.Storage.CaseRouting.PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task Concurrent_retries_with_one_idempotency_key_all_get_the_same_case()
    {
        using var client = _app.CreateClient();
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/submissions")
            {
                Content = JsonContent.Create(new { description = "同一份报告，网络重试", consent = true }),
            };
            request.Headers.Add("Idempotency-Key", "parallel-retry");
            using var response = await client.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Single(answers.Select(a => JsonDocument.Parse(a.Body).RootElement.GetProperty("ticketId").GetString()).Distinct());
        Assert.Single(await ToListAsync(_app.Storage.Cases.QueryAsync<Azure.Data.Tables.TableEntity>(Azure.Data.Tables.TableClient.CreateQueryFilter($"RowKey eq {"case"}"))));
    }

    [Fact]
    public async Task Twenty_concurrent_retries_with_a_phone_all_get_the_first_answer_and_no_merge_text()
    {
        // With a phone the duplicate check runs too: a retry must not take its own case for an earlier one.
        using var app = new HotlineApp(azurite, new Dictionary<string, string?> { ["Hotline:Intake:SubmissionsPerWindow"] = "100" });
        using var client = app.CreateClient();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/submissions") { Content = JsonContent.Create(ValidReport) };
            request.Headers.Add("Idempotency-Key", "parallel-retry-with-phone");
            using var response = await client.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var bodies = answers.Select(a => JsonDocument.Parse(a.Body).RootElement).ToList();
        Assert.All(bodies, b => Assert.Equal("received", b.GetProperty("status").GetString()));
        Assert.Single(bodies.Select(b => b.GetProperty("ticketId").GetString()).Distinct());
        Assert.Single(bodies.Select(b => b.GetProperty("trackingCode").GetString()).Distinct());
        Assert.NotNull(bodies[0].GetProperty("ticketId").GetString());
        Assert.Single(await ToListAsync(app.Storage.Cases.QueryAsync<Azure.Data.Tables.TableEntity>(Azure.Data.Tables.TableClient.CreateQueryFilter($"RowKey eq {"case"}"))));
        var texts = await app.Storage.SmsOutbound.ReceiveAllJsonAsync();
        Assert.NotEmpty(texts);
        Assert.DoesNotContain(texts, t => t.GetProperty("template").GetString() == "case-merged");
        var history = await app.Services.GetRequiredService<CaseStore>().GetHistoryAsync(bodies[0].GetProperty("ticketId").GetString()!, default);
        Assert.DoesNotContain(history, h => h.Action == "merged");
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_for_a_different_report_is_rejected()
    {
        using var client = _app.CreateClient();
        using var first = new HttpRequestMessage(HttpMethod.Post, "/api/submissions") { Content = JsonContent.Create(ValidReport) };
        first.Headers.Add("Idempotency-Key", "same-key");
        using var second = new HttpRequestMessage(HttpMethod.Post, "/api/submissions")
        {
            Content = JsonContent.Create(new { description = "another problem entirely", consent = true }),
        };
        second.Headers.Add("Idempotency-Key", "same-key");

        using var a = await client.SendAsync(first);
        using var b = await client.SendAsync(second);

        Assert.Equal(HttpStatusCode.Accepted, a.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, b.StatusCode);
    }

    [Fact]
    public async Task Too_many_submissions_from_one_source_get_429()
    {
        using var app = new HotlineApp(azurite, new Dictionary<string, string?> { ["Hotline:Intake:SubmissionsPerWindow"] = "2" });
        using var client = app.CreateClient();
        async Task<HttpStatusCode> PostFrom(string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/submissions") { Content = JsonContent.Create(ValidReport) };
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Accepted, await PostFrom("203.0.113.5:5123"));
        Assert.Equal(HttpStatusCode.Accepted, await PostFrom("203.0.113.5:6001"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostFrom("203.0.113.5:7000"));
        Assert.Equal(HttpStatusCode.Accepted, await PostFrom("198.51.100.7"));
    }

    [Fact]
    public async Task English_report_without_language_gets_english_texts()
    {
        using var client = _app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/submissions", new
        {
            description = "My employer has not paid me for two months.",
            phone = "+447700900123",
            consent = "true",
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var ticketId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticketId").GetString()!;
        var stored = await _app.Services.GetRequiredService<CaseStore>().GetAsync(ticketId, CancellationToken.None);
        Assert.Equal("en", stored!.Value.Record.Language);
    }

    public void Dispose() => _app.Dispose();

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
