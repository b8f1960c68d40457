using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Hotline.Sms;
using Hotline.Sms.Twilio;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Hotline.Tests.Faults;

/// <summary>
/// SendSms against a Twilio that fails 30 % of sends (429, 500, a request that stalls before Twilio takes it, one Twilio
/// takes but answers too late, one taken and its answer lost), driven through every try the app queues (retries and
/// unknown-outcome checks) until each text settles: each text is delivered exactly once in the end, none twice (a send
/// of unknown outcome is looked up at Twilio before it is sent again), and the permanent refusals (21211, 21610) are
/// recorded in the ledger after one try and never tried again.
/// </summary>
public sealed class TwilioFailureTests(AzuriteInstance azurite, ITestOutputHelper testOutput) : IClassFixture<AzuriteInstance>, IAsyncLifetime
{
    // Drawn 30 % of the requests it drew for, with every kind of failure, when chosen (FakeTwilioServer.RandomFailures).
    private const int Seed = 30_401;
    private const int Texts = 40;

    private readonly RecordingOutput _output = new(testOutput);
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

            // A time-out is an answer slower than this; short, so the run stays short.
            ["Hotline:Sms:Twilio:RequestTimeout"] = "00:00:01",
        },
        services => services.AddHttpClient(TwilioSmsSender.HttpClientName).AddHttpMessageHandler(_twilio.CreateRedirectHandler));

        // Twilio stamps its messages with the app's clock, which the test moves past each wait the app queues.
        _twilio.Clock = _app.Clock;
    }

    private static string Phone(int i) => string.Create(CultureInfo.InvariantCulture, $"+86139200{i:D5}");

    private static string Key(int i) => string.Create(CultureInfo.InvariantCulture, $"FAULT{i:D3}:case-assigned:east");

    private static string Request(int i, int attempt) => JsonSerializer.Serialize(new
    {
        messageKey = Key(i),
        ticketId = "K7M3QX2P",
        to = Phone(i),
        template = "case-assigned",
        language = "zh-CN",
        args = new Dictionary<string, string> { ["ticketId"] = "K7M3QX2P", ["unitName"] = "东县总工会" },
        attempt,
    });

    [Fact]
    public async Task With_thirty_percent_of_sends_failing_every_text_is_delivered_exactly_once_and_permanent_errors_are_never_retried()
    {
        _twilio.FailRandomly(
            Seed,
            30,
            FakeTwilioReply.TooManyRequests(),
            FakeTwilioReply.ServerError(),
            FakeTwilioReply.Slow(TimeSpan.FromSeconds(3)),
            FakeTwilioReply.SlowAfterCreating(TimeSpan.FromSeconds(3)),
            FakeTwilioReply.CreatedThenDropped());
        var invalid = Texts - 2;
        var optedOut = Texts - 1;
        _twilio.Refuse(Phone(invalid), FakeTwilioReply.InvalidTo());
        _twilio.Refuse(Phone(optedOut), FakeTwilioReply.OptedOut());
        _app.ExpectWarnings("not taken by Twilio", "must wait", "may or may not have gone out", "no answer from Twilio", "not at the provider", "failed permanently", "21211", "21610");

        // Each round invokes every text not yet settled, at the attempt the app queued it with; a text the ledger holds as
        // "retry" or "unknown" is one the app queued again (checked below against the queue). The queued messages are
        // invisible for their delay on Azurite's real clock, so the test invokes their copies after moving the app's.
        var attempts = new int[Texts];
        var pending = Enumerable.Range(0, Texts).ToList();
        var invocations = 0;
        var queuedAgain = 0;
        for (var round = 0; pending.Count > 0 && round < SendSmsFunction.MaxAttempts; round++)
        {
            var outcomes = await Task.WhenAll(pending.Select(i => _app.InvokeAsync("SendSms", Request(i, attempts[i]))));
            invocations += pending.Count;
            Assert.All(outcomes, o => Assert.True(o.Succeeded, o.FailureMessage));
            await SettledAsync();

            var next = new List<int>();
            foreach (var i in pending)
            {
                if (await StateAsync(i) is "retry" or "unknown")
                {
                    attempts[i]++;
                    next.Add(i);
                }
            }

            queuedAgain += next.Count;
            pending = next;

            // Past the longest wait the app queued: the back-off of an early attempt and the unknown-outcome check.
            _app.Clock.Advance(TimeSpan.FromMinutes(3));
        }

        Assert.Empty(pending);
        var requests = _twilio.Requests;
        var messages = _twilio.Messages;
        var (draws, failed) = _twilio.RandomFailures;
        var rows = new List<TableEntity>();
        foreach (var i in Enumerable.Range(0, Texts))
        {
            rows.Add((await _app.Storage.Sms.Ledger.FindAsync(Key(i), "sms"))!);
        }

        var delivered = Enumerable.Range(0, Texts).Select(i => messages.Count(m => m.To == Phone(i))).ToList();
        var foundByLookup = rows.Count(r => r.GetString("ProviderStatus") is not null);
        var sentAgain = rows.Count(r => r.GetInt32("Resends") > 0);
        var queued = (await _app.Storage.SmsOutbound.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {Seed}: failures drawn {failed} of {draws} ({100.0 * failed / draws:F1} %); texts {Texts}, invocations {invocations}, sends to Twilio {requests.Count}: "
            + $"429×{requests.Count(r => r.ResponseStatus == 429)}, 500×{requests.Count(r => r.ResponseStatus == 500)}, "
            + $"timed out before Twilio took it ×{requests.Count(r => r.ResponseStatus == FakeTwilioServer.ClientClosedRequest && r.MessageSid is null)}, "
            + $"timed out after Twilio took it ×{requests.Count(r => r.ResponseStatus == FakeTwilioServer.ClientClosedRequest && r.MessageSid is not null)}, "
            + $"permanent ×{requests.Count(r => r.ResponseStatus == 400)}; lookups {_twilio.Lookups.Count}: found at Twilio {foundByLookup}, sent again {sentAgain}; "
            + $"tries queued {queued} (expected {queuedAgain}); delivered once {delivered.Count(n => n == 1)}, twice or more {delivered.Count(n => n > 1)}, never {delivered.Count(n => n == 0)} (2 refused)"));

        // Near the 30 %, and the run met both kinds of unknown outcome: taken (found) and never taken (sent again).
        Assert.InRange(100.0 * failed / draws, 25, 35);
        Assert.True(foundByLookup > 0 && sentAgain > 0, $"found {foundByLookup}, sent again {sentAgain}");

        // Every text delivered exactly once, under the SID the ledger holds; the two refused ones never.
        Assert.All(Enumerable.Range(0, invalid), i =>
        {
            var message = Assert.Single(messages, m => m.To == Phone(i));
            Assert.Equal(("sent", message.Sid), (rows[i].GetString("State"), rows[i].GetString("ProviderMessageId")));
        });
        Assert.Equal(0, delivered[invalid] + delivered[optedOut]);

        // Each try the app queued again is one queue message; no retry after a permanent error.
        Assert.Equal(queuedAgain, queued);
        foreach (var (i, code) in new[] { (invalid, "21211"), (optedOut, "21610") })
        {
            Assert.Single(requests, r => r["To"] == Phone(i));
            Assert.Equal(("failed", code), (rows[i].GetString("State"), rows[i].GetString("ErrorCode")));
            Assert.True((await _app.InvokeAsync("SendSms", Request(i, 1))).Succeeded);
            Assert.Single(_twilio.Requests, r => r["To"] == Phone(i));
        }

        PrivacyAssert.NothingSecretIn(_app.Logs.Lines.Concat(_output.Lines), Enumerable.Range(0, Texts).Select(Phone), [_twilio.AuthToken, _app.Host.MasterKey]);
    }

    /// <summary>Until Twilio has answered or seen abandoned every request, so no message is still to be created.</summary>
    private async Task SettledAsync()
    {
        var started = TimeProvider.System.GetTimestamp();
        while (_twilio.Requests.Any(r => r.ResponseStatus == FakeTwilioServer.Pending))
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(15), "Twilio requests still pending after 15 s");
            await Task.Delay(50);
        }
    }

    private async Task<string?> StateAsync(int i) => (await _app.Storage.Sms.Ledger.FindAsync(Key(i), "sms"))?.GetString("State");

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _twilio.DisposeAsync();
    }
}
