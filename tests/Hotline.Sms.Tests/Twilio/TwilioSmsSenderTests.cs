using System.Net.Http.Headers;
using System.Text;
using Hotline.Sms.Templates;
using Hotline.Sms.Tests.Support;
using Hotline.Sms.Twilio;
using Hotline.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hotline.Sms.Tests.Twilio;

/// <summary>
/// The Twilio sender, wired by AddHotlineSms (the Twilio SDK on the app's HttpClient), against a real HTTP server speaking
/// Twilio's Messages API: the test only redirects that HttpClient from api.twilio.com to the local server.
/// </summary>
public sealed class TwilioSmsSenderTests : IAsyncLifetime
{
    private const string Phone = "+8613912345678";
    private const string From = "+15005550006";
    private const string ChineseBody = "【12351职工服务热线】您的诉求已受理，工单号K7M3QX。";

    private readonly InstantTimeProvider time = new();
    private readonly LogCollector logs = new();
    private FakeTwilioServer twilio = null!;

    public async Task InitializeAsync() => twilio = await FakeTwilioServer.StartAsync();

    public async Task DisposeAsync()
    {
        await twilio.DisposeAsync();

        // Whatever happened in the test, no log line held a whole phone number or a secret.
        var all = logs.AllText();
        Assert.DoesNotContain("13912345678", all, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeTwilioServer.DefaultAuthToken, all, StringComparison.Ordinal);
        Assert.DoesNotContain("key-secret", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sending_posts_twilio_form_with_basic_auth_and_utf8_percent_encoded_chinese()
    {
        var result = await Send(new OutgoingSms("case-received:K7M3QX", Phone, "case-received", "zh-CN", ChineseBody));

        var request = Assert.Single(twilio.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/2010-04-01/Accounts/{FakeTwilioServer.DefaultAccountSid}/Messages.json", request.Path);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal(
            "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeTwilioServer.DefaultAccountSid}:{FakeTwilioServer.DefaultAuthToken}")),
            request.Authorization);
        Assert.Equal(["Body", "From", "To"], request.Form.Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.Contains("To=%2B8613912345678", request.RawBody, StringComparison.Ordinal);
        Assert.Contains("From=%2B15005550006", request.RawBody, StringComparison.Ordinal);
        Assert.Contains(
            "Body=" +
            "%E3%80%9012351%E8%81%8C%E5%B7%A5%E6%9C%8D%E5%8A%A1%E7%83%AD%E7%BA%BF%E3%80%91%E6%82%A8%E7%9A%84%E8%AF%89%E6%B1%82" +
            "%E5%B7%B2%E5%8F%97%E7%90%86%EF%BC%8C%E5%B7%A5%E5%8D%95%E5%8F%B7K7M3QX%E3%80%82",
            request.RawBody,
            StringComparison.Ordinal);
        Assert.Equal(ChineseBody, request["Body"]);

        Assert.Equal(SmsSendStatus.Sent, result.Status);
        Assert.Equal(request.MessageSid, result.ProviderMessageId);
        Assert.Matches("^SM[0-9a-f]{32}$", result.ProviderMessageId);
        Assert.Equal(SmsSegments.Count(ChineseBody), result.Segments);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("+86139****5678", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Spaces_become_plus_and_a_long_english_text_reports_its_segments()
    {
        var body = string.Concat(Enumerable.Repeat("Reply STATUS K7M3QX for progress. ", 6)).TrimEnd();
        var result = await Send(new OutgoingSms("k", "+14155552671", "help", "en", body));

        Assert.Contains("Body=Reply+STATUS+K7M3QX+for+progress.+Reply", Assert.Single(twilio.Requests).RawBody, StringComparison.Ordinal);
        Assert.Equal(SmsSegments.Count(body), result.Segments);
        Assert.Equal(2, result.Segments);
    }

    [Fact]
    public async Task A_messaging_service_status_callback_and_validity_period_are_sent_when_configured()
    {
        const string service = "MG0123456789abcdef0123456789abcdef";
        var result = await Send(
            new OutgoingSms("k", Phone, "help", "zh-CN", "帮助"),
            new()
            {
                ["Hotline:Sms:Twilio:From"] = null,
                ["Hotline:Sms:Twilio:MessagingServiceSid"] = service,
                ["Hotline:Sms:Twilio:StatusCallbackUrl"] = "https://hotline.example.cn/api/sms/status",
                ["Hotline:Sms:Twilio:ValidityPeriodSeconds"] = "3600",
            });

        var request = Assert.Single(twilio.Requests);
        Assert.Equal(
            ["Body", "MessagingServiceSid", "StatusCallback", "To", "ValidityPeriod"],
            request.Form.Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.Equal(service, request["MessagingServiceSid"]);
        Assert.Equal("https://hotline.example.cn/api/sms/status", request["StatusCallback"]);
        Assert.Equal("3600", request["ValidityPeriod"]);
        Assert.Equal(SmsSendStatus.Sent, result.Status);
        Assert.Null(result.Segments); // a Messaging Service reports 0 segments until it picks a sender
    }

    [Fact]
    public async Task An_api_key_is_used_for_basic_auth_when_configured()
    {
        var keySid = "SK" + "0123456789abcdef" + "0123456789abcdef"; // fake, split so no scanner takes it for a real key
        await twilio.DisposeAsync();
        twilio = await FakeTwilioServer.StartAsync(apiKeySid: keySid, apiKeySecret: "key-secret");

        var result = await Send(
            new OutgoingSms("k", Phone, "help", "zh-CN", "帮助"),
            new() { ["Hotline:Sms:Twilio:ApiKeySid"] = keySid, ["Hotline:Sms:Twilio:ApiKeySecret"] = "key-secret" });

        Assert.Equal(SmsSendStatus.Sent, result.Status);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{keySid}:key-secret")), twilio.Requests[0].Authorization);
        Assert.Equal($"/2010-04-01/Accounts/{FakeTwilioServer.DefaultAccountSid}/Messages.json", twilio.Requests[0].Path);
    }

    [Theory]
    [InlineData(429, "20429")]
    [InlineData(500, "20500")]
    [InlineData(503, "20503")]
    public async Task Throttling_and_server_errors_answer_retry_later_after_one_request(int status, string code)
    {
        // The queue retries with back-off (SendSms); a retry here would be blind: the SDK hides Retry-After.
        twilio.Enqueue(status switch
        {
            429 => FakeTwilioReply.TooManyRequests(TimeSpan.FromSeconds(2)),
            500 => FakeTwilioReply.ServerError(),
            _ => FakeTwilioReply.ServiceUnavailable(),
        });

        var result = await Send(Message());

        Assert.Equal(SmsSendStatus.RetryLater, result.Status);
        Assert.Equal(code, result.ErrorCode);
        Assert.Null(result.RetryAfter);
        Assert.Single(twilio.Requests);
        Assert.Empty(twilio.Sent);
        Assert.Empty(time.Delays);
    }

    [Fact]
    public async Task An_opted_out_recipient_is_a_permanent_failure_and_never_retried()
    {
        twilio.Enqueue(FakeTwilioReply.OptedOut());

        var result = await Send(Message());

        Assert.Equal(SmsSendStatus.PermanentFailure, result.Status);
        Assert.Equal("21610", result.ErrorCode);
        Assert.Equal("Attempt to send to unsubscribed recipient", result.Detail);
        Assert.Single(twilio.Requests);
    }

    [Theory]
    [InlineData(21211)]
    [InlineData(21614)]
    [InlineData(21408)]
    public async Task Invalid_numbers_are_permanent_failures_with_the_number_masked_in_the_detail(int code)
    {
        twilio.Enqueue(code switch
        {
            21211 => FakeTwilioReply.InvalidTo(),
            21614 => FakeTwilioReply.NotMobile(),
            _ => FakeTwilioReply.RegionNotEnabled(),
        });

        var result = await Send(Message());

        Assert.Equal(SmsSendStatus.PermanentFailure, result.Status);
        Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), result.ErrorCode);
        Assert.Contains("+86139****5678", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", result.Detail, StringComparison.Ordinal);
        Assert.Single(twilio.Requests);
    }

    [Fact]
    public async Task A_body_twilio_refuses_as_too_long_is_permanent()
    {
        // The sender's own check stops bodies over 1,600 characters; Twilio's 21617 is honoured all the same.
        twilio.Enqueue(new FakeTwilioReply(400, 21617, "The concatenated message body exceeds the 1600 character limit."));
        var result = await Send(Message());
        Assert.Equal(SmsSendStatus.PermanentFailure, result.Status);
        Assert.Equal("21617", result.ErrorCode);
    }

    [Fact]
    public async Task A_timed_out_request_has_an_unknown_outcome_and_is_not_retried_by_the_sender()
    {
        twilio.Enqueue(FakeTwilioReply.Slow(TimeSpan.FromSeconds(30)));

        var result = await Send(Message(), new() { ["Hotline:Sms:Twilio:RequestTimeout"] = "00:00:00.500" });

        Assert.Equal(SmsSendStatus.Unknown, result.Status);
        Assert.Equal(SmsErrorCodes.Timeout, result.ErrorCode);
        // The abandoned request shows as 499 once the server notices the closed connection.
        var request = Assert.Single(twilio.Requests);
        Assert.Contains(request.ResponseStatus, new[] { FakeTwilioServer.Pending, FakeTwilioServer.ClientClosedRequest });
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("asked before any new send", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_connection_dropped_after_twilio_took_the_message_has_an_unknown_outcome()
    {
        twilio.Enqueue(FakeTwilioReply.CreatedThenDropped());

        var result = await Send(Message());

        Assert.Equal(SmsSendStatus.Unknown, result.Status);
        Assert.Equal(SmsErrorCodes.ConnectionLost, result.ErrorCode);
        Assert.Single(twilio.Requests);
        Assert.Single(twilio.Sent);
    }

    [Fact]
    public async Task An_unreachable_twilio_answers_retry_later_without_retrying()
    {
        var closed = twilio.BaseUrl;
        await twilio.DisposeAsync();
        twilio = await FakeTwilioServer.StartAsync();

        var result = await Send(Message(), target: closed);

        Assert.Equal(SmsSendStatus.RetryLater, result.Status);
        Assert.Equal(SmsErrorCodes.ConnectionFailed, result.ErrorCode);
        Assert.Empty(twilio.Requests);
    }

    [Fact]
    public async Task Rejected_credentials_are_kept_for_later_without_retrying_and_logged_as_an_error()
    {
        var result = await Send(Message(), new() { ["Hotline:Sms:Twilio:AuthToken"] = "wrong-token" });

        Assert.Equal(SmsSendStatus.RetryLater, result.Status);
        Assert.Equal("20003", result.ErrorCode);
        Assert.Single(twilio.Requests);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("Hotline:Sms:Twilio", StringComparison.Ordinal));
        Assert.DoesNotContain("wrong-token", logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_account_is_kept_for_later_without_retrying()
    {
        var result = await Send(Message(), new() { ["Hotline:Sms:Twilio:AccountSid"] = "AC" + new string('0', 32) });

        Assert.Equal(SmsSendStatus.RetryLater, result.Status);
        Assert.Single(twilio.Requests);
    }

    [Theory]
    [InlineData("k", "13912345678", "text")] // not E.164
    [InlineData("k", Phone, "")]
    [InlineData("", Phone, "text")]
    [InlineData("bad\nkey", Phone, "text")]
    public async Task A_malformed_message_fails_permanently_without_calling_twilio(string key, string to, string body)
    {
        var result = await Send(new OutgoingSms(key, to, "help", "zh-CN", body));

        Assert.Equal(SmsSendStatus.PermanentFailure, result.Status);
        Assert.Equal(SmsErrorCodes.InvalidMessage, result.ErrorCode);
        Assert.Empty(twilio.Requests);
    }

    [Fact]
    public async Task A_body_over_1600_characters_is_refused_before_twilio()
    {
        var result = await Send(new OutgoingSms("k", Phone, "help", "en", new string('a', 1601)));
        Assert.Equal(SmsErrorCodes.InvalidMessage, result.ErrorCode);
        Assert.Empty(twilio.Requests);
    }

    [Fact]
    public async Task A_caller_that_cancelled_before_the_send_sends_nothing()
    {
        using var services = Services();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => services.GetRequiredService<TwilioSmsSender>().SendAsync(Message(), new CancellationToken(canceled: true)));
        Assert.Empty(twilio.Requests);
    }

    [Fact]
    public async Task Cancelling_after_the_request_went_out_does_not_abandon_it()
    {
        // Abandoning the call would turn a send Twilio is taking into an unknown outcome; the timeout bounds it instead.
        twilio.Enqueue(FakeTwilioReply.Slow(TimeSpan.FromMilliseconds(300)));
        using var services = Services();
        using var cts = new CancellationTokenSource();

        var sending = services.GetRequiredService<TwilioSmsSender>().SendAsync(Message(), cts.Token);
        await WaitForRequestAsync();
        await cts.CancelAsync();
        var result = await sending;

        Assert.Equal(SmsSendStatus.Sent, result.Status);
        Assert.Equal(Assert.Single(twilio.Sent).MessageSid, result.ProviderMessageId);
    }

    [Fact]
    public async Task A_request_for_another_host_never_leaves_the_test()
    {
        using var handler = new FakeTwilioRedirectHandler(twilio.BaseUrl) { InnerHandler = new HttpClientHandler() };
        using var http = new HttpClient(handler);

        await Assert.ThrowsAsync<InvalidOperationException>(() => http.GetAsync(new Uri("https://example.com/")));
        Assert.Empty(twilio.Requests);
    }

    [Fact]
    public async Task The_fake_refuses_a_request_without_the_required_fields_like_twilio()
    {
        // The fake's own checks, exercised over the wire: what the sender relies on it to catch.
        using var http = new HttpClient();
        using var content = new FormUrlEncodedContent([new("To", Phone), new("Body", "x")]);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(twilio.BaseUrl, $"/2010-04-01/Accounts/{FakeTwilioServer.DefaultAccountSid}/Messages.json")) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeTwilioServer.DefaultAccountSid}:{FakeTwilioServer.DefaultAuthToken}")));
        using var response = await http.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("\"code\":21603", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lookup_lists_the_messages_to_the_phone_from_our_number_and_finds_ours_by_its_body()
    {
        twilio.Clock = time;
        using var services = Services();
        var sender = services.GetRequiredService<TwilioSmsSender>();
        var ours = await sender.SendAsync(Message(), CancellationToken.None);
        await sender.SendAsync(Message() with { MessageKey = "other", Body = "【12351职工服务热线】另一条短信。" }, CancellationToken.None);
        await sender.SendAsync(Message() with { MessageKey = "elsewhere", To = "+8613987654321" }, CancellationToken.None);

        var found = await sender.FindAsync(Message(), time.GetUtcNow().AddMinutes(-1), CancellationToken.None);

        Assert.Equal(SmsLookupResult.Found(ours.ProviderMessageId!, "sent", SmsSegments.Count(ChineseBody)), found);
        var lookup = Assert.Single(twilio.Lookups);
        Assert.Equal("GET", lookup.Method);
        Assert.StartsWith($"/2010-04-01/Accounts/{FakeTwilioServer.DefaultAccountSid}/Messages.json?", lookup.Path, StringComparison.Ordinal);
        Assert.Equal(["From", "PageSize", "To"], lookup.Form.Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.Equal((Phone, From, "100"), (lookup["To"], lookup["From"], lookup["PageSize"]));
        Assert.Equal(Assert.Single(twilio.Requests, r => r.MessageSid == ours.ProviderMessageId).Authorization, lookup.Authorization);
    }

    [Fact]
    public async Task The_lookup_does_not_take_an_identical_text_from_before_the_send_for_ours()
    {
        twilio.Clock = time;
        using var services = Services();
        var sender = services.GetRequiredService<TwilioSmsSender>();
        await sender.SendAsync(Message(), CancellationToken.None);
        time.Advance(TimeSpan.FromHours(25));

        Assert.Equal(SmsLookupResult.NotFound, await sender.FindAsync(Message(), time.GetUtcNow().AddMinutes(-1), CancellationToken.None));
        Assert.Equal(SmsLookupStatus.Found, (await sender.FindAsync(Message(), time.GetUtcNow().AddHours(-26), CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Through_a_messaging_service_the_lookup_matches_the_service_not_a_from_number()
    {
        twilio.Clock = time;
        const string service = "MG0123456789abcdef0123456789abcdef";
        using var services = Services(new() { ["Hotline:Sms:Twilio:MessagingServiceSid"] = service, ["Hotline:Sms:Twilio:From"] = null });
        var sender = services.GetRequiredService<TwilioSmsSender>();
        var ours = await sender.SendAsync(Message(), CancellationToken.None);

        var found = await sender.FindAsync(Message(), time.GetUtcNow().AddMinutes(-1), CancellationToken.None);

        Assert.Equal((SmsLookupStatus.Found, ours.ProviderMessageId), (found.Status, found.ProviderMessageId));
        Assert.Null(Assert.Single(twilio.Lookups)["From"]);
    }

    [Fact]
    public async Task A_lookup_twilio_does_not_answer_well_fails_without_throwing()
    {
        twilio.EnqueueLookup(FakeTwilioReply.ServerError(), FakeTwilioReply.CreatedThenDropped(), FakeTwilioReply.TooManyRequests());
        using var services = Services();
        var sender = services.GetRequiredService<TwilioSmsSender>();

        var results = new List<SmsLookupResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await sender.FindAsync(Message(), time.GetUtcNow(), CancellationToken.None));
        }

        Assert.Equal(["20500", SmsErrorCodes.LookupFailed, "20429"], results.Select(r => r.ErrorCode));
        Assert.All(results, r => Assert.Equal(SmsLookupStatus.Failed, r.Status));
        Assert.Empty(twilio.Requests);
    }

    private static OutgoingSms Message() => new("officer-task:K7M3QX:o-dx-1", Phone, "officer-task", "zh-CN", ChineseBody);

    private async Task<SmsSendResult> Send(OutgoingSms sms, Dictionary<string, string?>? settings = null, Uri? target = null)
    {
        using var services = Services(settings, target);
        return await services.GetRequiredService<TwilioSmsSender>().SendAsync(sms, CancellationToken.None);
    }

    private async Task WaitForRequestAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (twilio.Requests.Count == 0)
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    private ServiceProvider Services(Dictionary<string, string?>? settings = null, Uri? target = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Hotline:Sms:Provider"] = "Twilio",
            ["Hotline:Sms:PhoneHashKey"] = "test-phone-hash-key-0123456789",
            ["Hotline:Sms:Twilio:AccountSid"] = FakeTwilioServer.DefaultAccountSid,
            ["Hotline:Sms:Twilio:AuthToken"] = FakeTwilioServer.DefaultAuthToken,
            ["Hotline:Sms:Twilio:From"] = From,
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(time);
        services.AddHotlineSms(configuration);
        services.AddHttpClient(TwilioSmsSender.HttpClientName).AddHttpMessageHandler(() => new FakeTwilioRedirectHandler(target ?? twilio.BaseUrl));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
