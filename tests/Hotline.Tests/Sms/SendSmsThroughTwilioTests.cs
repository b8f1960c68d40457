using System.Net;
using System.Text.Json;
using Hotline.Sms.Twilio;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
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
        },
        services => services.AddHttpClient(TwilioSmsSender.HttpClientName).AddHttpMessageHandler(_twilio.CreateRedirectHandler));
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
        _app.ExpectWarnings("20429");

        var throttled = await _app.InvokeAsync("SendSms", Request());

        Assert.True(throttled.Succeeded, throttled.FailureMessage);
        Assert.Empty((await _app.Storage.SmsOutbound.PeekMessagesAsync(32)).Value); // the copy waits out its back-off, invisible
        Assert.Equal(1, (await _app.Storage.SmsOutbound.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        _twilio.Enqueue(FakeTwilioReply.Created);
        var retried = await _app.InvokeAsync("SendSms", Request(attempt: 1));
        var again = await _app.InvokeAsync("SendSms", Request(attempt: 1));

        Assert.True(again.Succeeded, again.FailureMessage);
        var sent = Assert.Single(_twilio.Sent);
        Assert.Contains("K7M3QX2P", sent["Body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_twilio_keeps_refusing_fails_on_its_last_attempt_so_the_host_poison_queues_it()
    {
        _twilio.Enqueue(FakeTwilioReply.ServerError());
        _app.ExpectWarnings("20500");

        var last = await _app.InvokeAsync("SendSms", Request(attempt: 7));

        Assert.False(last.Succeeded);
        Assert.Equal(0, (await _app.Storage.SmsOutbound.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_permanent_twilio_error_is_recorded_and_not_retried()
    {
        _twilio.Enqueue(FakeTwilioReply.InvalidTo());

        var response = await _app.InvokeAsync("SendSms", Request());
        var again = await _app.InvokeAsync("SendSms", Request());

        Assert.True(response.Succeeded, response.FailureMessage);
        Assert.True(again.Succeeded, again.FailureMessage);
        Assert.Single(_twilio.Requests);
        Assert.Equal(0, (await _app.Storage.SmsOutbound.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        _app.AssertNoUnexpectedWarnings("21211");
    }

    [Fact]
    public async Task A_recipient_twilio_reports_as_unsubscribed_gets_no_further_texts()
    {
        _twilio.Enqueue(FakeTwilioReply.OptedOut());
        _app.ExpectWarnings("21610");

        var refused = await _app.InvokeAsync("SendSms", Request());
        var next = Request().Replace("case-assigned:east", "case-assigned:west", StringComparison.Ordinal);
        var skipped = await _app.InvokeAsync("SendSms", next);

        Assert.True(refused.Succeeded, refused.FailureMessage);
        Assert.True(skipped.Succeeded, skipped.FailureMessage);
        Assert.Single(_twilio.Requests);
    }

    [Fact]
    public async Task A_text_whose_answer_was_lost_is_queued_to_be_checked_and_found_at_twilio_never_sent_twice()
    {
        _twilio.Clock = _app.Clock;
        _twilio.Enqueue(FakeTwilioReply.CreatedThenDropped());
        _app.ExpectWarnings("no answer from Twilio", "may or may not have gone out");

        var lost = await _app.InvokeAsync("SendSms", Request());

        Assert.True(lost.Succeeded, lost.FailureMessage);
        Assert.Empty((await _app.Storage.SmsOutbound.PeekMessagesAsync(32)).Value); // the check waits out its settle delay, invisible
        Assert.Equal(1, (await _app.Storage.SmsOutbound.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty(_twilio.Lookups);

        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        var checkedAtTwilio = await _app.InvokeAsync("SendSms", Request(attempt: 1));

        Assert.True(checkedAtTwilio.Succeeded, checkedAtTwilio.FailureMessage);
        Assert.Single(_twilio.Lookups);
        Assert.Single(_twilio.Requests);
        var entry = await _app.Storage.Sms.Ledger.FindAsync("K7M3QX2P:case-assigned:east", "sms");
        Assert.Equal(("sent", Assert.Single(_twilio.Messages).Sid), (entry?.GetString("State"), entry?.GetString("ProviderMessageId")));
        Assert.Equal(1, (await _app.Storage.SmsOutbound.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task The_same_text_to_one_phone_under_another_key_is_not_sent_and_the_ledger_says_so()
    {
        _twilio.Enqueue(FakeTwilioReply.Created);

        var sent = await _app.InvokeAsync("SendSms", Request());
        var again = Request().Replace("case-assigned:east", "case-assigned:east-again", StringComparison.Ordinal);
        var suppressed = await _app.InvokeAsync("SendSms", again);
        var redelivered = await _app.InvokeAsync("SendSms", again);

        Assert.True(sent.Succeeded, sent.FailureMessage);
        Assert.True(suppressed.Succeeded, suppressed.FailureMessage);
        Assert.True(redelivered.Succeeded, redelivered.FailureMessage);
        Assert.Single(_twilio.Requests);
        var entry = await _app.Storage.Sms.Ledger.FindAsync("K7M3QX2P:case-assigned:east-again", "sms");
        Assert.NotNull(entry);
        Assert.Equal("suppressed", entry.GetString("State"));
        Assert.Equal("same-text", entry.GetString("ErrorCode"));
        Assert.Contains("K7M3QX2P:case-assigned:east", entry.GetString("Detail"), StringComparison.Ordinal);
        _app.AssertNoUnexpectedWarnings();
    }

    [Fact]
    public async Task A_text_twilio_did_not_take_gives_up_its_claim_on_the_text()
    {
        _twilio.Enqueue(FakeTwilioReply.ServerError());
        _twilio.Enqueue(FakeTwilioReply.Created);
        _app.ExpectWarnings("20500");

        var throttled = await _app.InvokeAsync("SendSms", Request());
        var other = Request().Replace("case-assigned:east", "case-assigned:east-other", StringComparison.Ordinal);
        var sent = await _app.InvokeAsync("SendSms", other);

        Assert.True(throttled.Succeeded, throttled.FailureMessage);
        Assert.True(sent.Succeeded, sent.FailureMessage);
        Assert.Equal(2, _twilio.Requests.Count);
        Assert.Single(_twilio.Sent);
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _twilio.DisposeAsync();
    }
}
