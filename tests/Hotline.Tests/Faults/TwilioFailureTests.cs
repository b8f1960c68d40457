using System.Globalization;
using System.Text.Json;
using Hotline.Sms.Twilio;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Hotline.Tests.Faults;

/// <summary>
/// SendSms against a Twilio that fails 30 % of sends (429, 500, an answer slower than the app waits, a message taken
/// and its answer lost), driven through
/// every retry the app queues until each text settles: each text is delivered once (at most once when the app timed
/// out, since it never sends a text of unknown outcome again), none twice, and the permanent
/// refusals (21211, 21610) are recorded in the ledger after one try and never tried again.
/// </summary>
public sealed class TwilioFailureTests(AzuriteInstance azurite, ITestOutputHelper testOutput) : IClassFixture<AzuriteInstance>, IAsyncLifetime
{
    private const int Seed = 30_429;
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
    public async Task With_thirty_percent_of_sends_failing_every_text_goes_out_once_and_permanent_errors_are_never_retried()
    {
        _twilio.FailRandomly(Seed, 30, FakeTwilioReply.TooManyRequests(), FakeTwilioReply.ServerError(), FakeTwilioReply.Slow(TimeSpan.FromSeconds(3)), FakeTwilioReply.CreatedThenDropped());
        var invalid = Texts - 2;
        var optedOut = Texts - 1;
        _twilio.Refuse(Phone(invalid), FakeTwilioReply.InvalidTo());
        _twilio.Refuse(Phone(optedOut), FakeTwilioReply.OptedOut());
        _app.ExpectWarnings("not taken by Twilio", "must wait", "may or may not have gone out", "unknown outcome", "no answer from Twilio", "failed permanently", "21211", "21610");

        // Each round sends every text not yet settled, at the attempt the app queued it with; a retryable answer is
        // one the app queued again (checked below against the queue), anything else settles the text.
        var attempts = new int[Texts];
        var pending = Enumerable.Range(0, Texts).ToList();
        var invocations = 0;
        var retries = 0;
        for (var round = 0; pending.Count > 0 && round < 8; round++)
        {
            var outcomes = await Task.WhenAll(pending.Select(i => _app.InvokeAsync("SendSms", Request(i, attempts[i]))));
            invocations += pending.Count;
            Assert.All(outcomes, o => Assert.True(o.Succeeded, o.FailureMessage));
            var next = new List<int>();
            foreach (var i in pending)
            {
                var last = _twilio.Requests.Last(r => r["To"] == Phone(i));
                if (last.ResponseStatus is 429 or 500)
                {
                    attempts[i]++;
                    next.Add(i);
                }
            }

            retries += next.Count;
            pending = next;
        }

        Assert.Empty(pending);
        var deadline = TimeProvider.System.GetTimestamp();
        while (_twilio.Requests.Any(r => r.ResponseStatus == FakeTwilioServer.Pending) && TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(50);
        }

        var requests = _twilio.Requests;
        var delivered = Enumerable.Range(0, Texts).ToDictionary(i => i, i => requests.Count(r => r["To"] == Phone(i) && r.ResponseStatus == 201));
        var queued = (await _app.Storage.SmsOutbound.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        var states = new List<string?>();
        foreach (var i in Enumerable.Range(0, Texts))
        {
            states.Add((await _app.Storage.Sms.Ledger.FindAsync(Key(i), "sms"))?.GetString("State"));
        }

        _output.WriteLine($"seed {Seed}: texts {Texts}, invocations {invocations}, sends to Twilio {requests.Count}: 429×{requests.Count(r => r.ResponseStatus == 429)}, 500×{requests.Count(r => r.ResponseStatus == 500)}, "
            + $"outcome unknown ×{states.Count(s => s == "unknown")} (timed out or answer lost; never sent again), "
            + $"permanent ×{requests.Count(r => r.ResponseStatus == 400)}; retries queued {queued} (expected {retries}); delivered {delivered.Values.Count(n => n == 1)}, twice or more {delivered.Values.Count(n => n > 1)}, not delivered {delivered.Count(d => d.Value == 0 && d.Key < invalid)} (each timed out before Twilio took it)");

        // Every text delivered exactly once, the two refused ones never. A time-out leaves the outcome unknown: the
        // app never sends such a text again (a duplicate is worse than a gap, SPEC "SMS"), so it went out at most once.
        Assert.All(delivered.Where(d => d.Key < invalid), d => Assert.True(
            states[d.Key] == "unknown" ? d.Value <= 1 && requests.Count(r => r["To"] == Phone(d.Key)) == attempts[d.Key] + 1 : d.Value == 1,
            $"text {d.Key} ({states[d.Key]}) delivered {d.Value} times"));
        Assert.Equal(0, delivered[invalid] + delivered[optedOut]);

        // Each retryable answer queued exactly one retry; no retry after a permanent error.
        Assert.Equal(retries, queued);
        foreach (var (i, code) in new[] { (invalid, "21211"), (optedOut, "21610") })
        {
            Assert.Single(requests, r => r["To"] == Phone(i));
            var entry = await _app.Storage.Sms.Ledger.FindAsync(Key(i), "sms");
            Assert.NotNull(entry);
            Assert.Equal(("failed", code), (entry.GetString("State"), entry.GetString("ErrorCode")));
            Assert.True((await _app.InvokeAsync("SendSms", Request(i, 1))).Succeeded);
            Assert.Single(_twilio.Requests, r => r["To"] == Phone(i));
        }

        PrivacyAssert.NothingSecretIn(_app.Logs.Lines.Concat(_output.Lines), Enumerable.Range(0, Texts).Select(Phone), [_twilio.AuthToken, _app.Host.MasterKey]);
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _twilio.DisposeAsync();
    }
}
