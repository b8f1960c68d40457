using System.Net;
using System.Text.Json;
using Hotline.Sms.Twilio;
using Hotline.Storage;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Sms;

/// <summary>
/// SendSms with the Twilio provider against the fake Twilio server (the one fake: the edge we cannot reach); the app's
/// Twilio HttpClient is redirected to it, everything else is the app as configured.
/// </summary>
public sealed class SendSmsThroughTwilioTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IAsyncLifetime
{
    private FakeTwilioServer _twilio = null!;
    private HotlineApp _app = null!;
    private WebApplicationFactory<Program> _redirected = null!;

    private HotlineStorage Storage => _redirected.Services.GetRequiredService<HotlineStorage>();

    public async Task InitializeAsync()
    {
        _twilio = await FakeTwilioServer.StartAsync();
        _app = new HotlineApp(azurite, new Dictionary<string, string?>
        {
            ["Hotline:Sms:Provider"] = "Twilio",
            ["Hotline:Sms:PhoneHashKey"] = "test-phone-hash-key-0123456789",
            ["Hotline:Sms:LedgerTable"] = "t" + Guid.NewGuid().ToString("N")[..10] + "ledger",
            ["Hotline:Sms:Twilio:AccountSid"] = _twilio.AccountSid,
            ["Hotline:Sms:Twilio:AuthToken"] = _twilio.AuthToken,
            ["Hotline:Sms:Twilio:From"] = "+8612351000000",
        });
        _redirected = _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddHttpClient(TwilioSmsSender.HttpClientName).AddHttpMessageHandler(_twilio.CreateRedirectHandler)));
    }

    private static string Request(int attempt = 0) => JsonSerializer.Serialize(new
    {
        messageKey = "K7M3QX2P:case-assigned:east",
        ticketId = "K7M3QX2P",
        to = "+8613900001234",
        template = "case-assigned",
        language = "zh-CN",
        args = new Dictionary<string, string> { ["ticketId"] = "K7M3QX2P", ["unitName"] = "东县总工会" },
        attempt,
    });

    [Fact]
    public async Task A_throttled_text_is_queued_again_with_a_delay_and_sent_once_when_twilio_takes_it()
    {
        _twilio.Enqueue(FakeTwilioReply.TooManyRequests());
        using var client = _redirected.CreateClient();

        using var throttled = await client.PostAsync("/SendSms", Envelope.Queue(Request()));

        Assert.Equal(HttpStatusCode.OK, throttled.StatusCode);
        Assert.Empty((await Storage.SmsOutbound.PeekMessagesAsync(32)).Value); // the copy waits out its back-off, invisible
        Assert.Equal(1, (await Storage.SmsOutbound.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        _twilio.Enqueue(FakeTwilioReply.Created);
        using var retried = await client.PostAsync("/SendSms", Envelope.Queue(Request(attempt: 1)));
        using var again = await client.PostAsync("/SendSms", Envelope.Queue(Request(attempt: 1), dequeueCount: 2));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var sent = Assert.Single(_twilio.Sent);
        Assert.Contains("K7M3QX2P", sent["Body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_twilio_keeps_refusing_fails_on_its_last_attempt_so_the_host_poison_queues_it()
    {
        _twilio.Enqueue(FakeTwilioReply.ServerError());
        using var client = _redirected.CreateClient();

        using var last = await client.PostAsync("/SendSms", Envelope.Queue(Request(attempt: 7)));

        Assert.Equal(HttpStatusCode.InternalServerError, last.StatusCode);
        Assert.Equal(0, (await Storage.SmsOutbound.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_permanent_twilio_error_is_recorded_and_not_retried()
    {
        _twilio.Enqueue(FakeTwilioReply.InvalidTo());
        using var client = _redirected.CreateClient();

        using var response = await client.PostAsync("/SendSms", Envelope.Queue(Request()));
        using var again = await client.PostAsync("/SendSms", Envelope.Queue(Request(), dequeueCount: 2));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(_twilio.Requests);
        Assert.Equal(0, (await Storage.SmsOutbound.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        _app.AssertNoUnexpectedWarnings("21211");
    }

    [Fact]
    public async Task A_recipient_twilio_reports_as_unsubscribed_gets_no_further_texts()
    {
        _twilio.Enqueue(FakeTwilioReply.OptedOut());
        using var client = _redirected.CreateClient();

        using var refused = await client.PostAsync("/SendSms", Envelope.Queue(Request()));
        var next = Request().Replace("case-assigned:east", "case-assigned:west", StringComparison.Ordinal);
        using var skipped = await client.PostAsync("/SendSms", Envelope.Queue(next));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, skipped.StatusCode);
        Assert.Single(_twilio.Requests);
    }

    [Fact]
    public async Task A_text_whose_answer_was_lost_is_not_queued_again_and_never_sent_twice()
    {
        _twilio.Enqueue(FakeTwilioReply.CreatedThenDropped());
        using var client = _redirected.CreateClient();

        using var lost = await client.PostAsync("/SendSms", Envelope.Queue(Request()));
        using var redelivered = await client.PostAsync("/SendSms", Envelope.Queue(Request(), dequeueCount: 2));

        Assert.Equal(HttpStatusCode.OK, lost.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Equal(0, (await Storage.SmsOutbound.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Single(_twilio.Requests);
        Assert.Single(_twilio.Sent);
        _app.AssertNoUnexpectedWarnings("no answer from Twilio", "unknown outcome", "may or may not have gone out");
    }

    public async Task DisposeAsync()
    {
        await _redirected.DisposeAsync();
        _app.Dispose();
        await _twilio.DisposeAsync();
    }
}
