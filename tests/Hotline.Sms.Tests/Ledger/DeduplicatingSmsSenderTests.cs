using Azure.Data.Tables;
using Hotline.Sms.Ledger;
using Hotline.Sms.Phones;
using Hotline.Sms.Tests.Support;
using Hotline.Sms.Twilio;
using Hotline.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hotline.Sms.Tests.Ledger;

/// <summary>The Twilio provider as AddHotlineSms wires it: the ledger (Azurite) in front of the Twilio sender (fake Twilio).</summary>
public sealed class DeduplicatingSmsSenderTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IAsyncLifetime
{
    private const string Phone = "+8613912345678";
    private const string HashKey = "test-phone-hash-key-0123456789";

    private readonly InstantTimeProvider time = new();
    private readonly LogCollector logs = new();
    private readonly string ledgerTable = UniqueName.Table("ledger");
    private readonly string recentTable = UniqueName.Table("recent");
    private FakeTwilioServer twilio = null!;
    private ServiceProvider services = null!;

    private ISmsSender Sender => services.GetRequiredService<ISmsSender>();

    private TableClient Ledger => azurite.GetTableClient(ledgerTable);

    public async Task InitializeAsync()
    {
        twilio = await FakeTwilioServer.StartAsync();
        twilio.Clock = time;
        services = Services();
        await azurite.CreateTableAsync(ledgerTable);
        await azurite.CreateTableAsync(recentTable);
    }

    private ServiceProvider Services(Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Hotline:Sms:Provider"] = "Twilio",
            ["Hotline:Sms:LedgerTable"] = ledgerTable,
            ["Hotline:Sms:RecentTable"] = recentTable,
            ["Hotline:Sms:PhoneHashKey"] = HashKey,
            ["Hotline:Sms:Twilio:AccountSid"] = FakeTwilioServer.DefaultAccountSid,
            ["Hotline:Sms:Twilio:AuthToken"] = FakeTwilioServer.DefaultAuthToken,
            ["Hotline:Sms:Twilio:From"] = "+15005550006",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        collection.AddSingleton<TimeProvider>(time);
        collection.AddSingleton(azurite.Tables);
        collection.AddHotlineSms(configuration);
        collection.AddHttpClient(TwilioSmsSender.HttpClientName).AddHttpMessageHandler(twilio.CreateRedirectHandler);
        return collection.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await twilio.DisposeAsync();
        Assert.DoesNotContain("13912345678", logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_twilio_provider_sends_through_the_ledger() =>
        Assert.IsType<DeduplicatingSmsSender>(Sender);

    [Fact]
    public async Task Sending_one_key_twice_sends_one_text_and_answers_the_same_sid()
    {
        var first = await Sender.SendAsync(Message("case-received:K7M3QX9P"), CancellationToken.None);
        var second = await Sender.SendAsync(Message("case-received:K7M3QX9P"), CancellationToken.None);

        Assert.Equal(SmsSendStatus.Sent, second.Status);
        Assert.Equal(first.ProviderMessageId, second.ProviderMessageId);
        Assert.Equal(first.Segments, second.Segments);
        Assert.Single(twilio.Requests);

        var entry = await Ledger.FindAsync("case-received:K7M3QX9P", "sms");
        Assert.NotNull(entry);
        Assert.Equal("sent", entry.GetString("State"));
        Assert.Equal(first.ProviderMessageId, entry.GetString("ProviderMessageId"));
        Assert.Equal("+86139****5678", entry.GetString("To"));
        Assert.Equal(new PhoneHash(HashKey).Compute(Phone), entry.GetString("ToHash"));
        Assert.DoesNotContain(entry.Select(p => p.Value), v => v is string s && s.Contains("13912345678", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_sends_of_one_key_reach_twilio_once()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Sender.SendAsync(Message("officer-task:K7M3QX9P:o-dx-1"), CancellationToken.None)));

        Assert.Single(twilio.Requests);
        Assert.Contains(results, r => r.Status == SmsSendStatus.Sent);
        Assert.All(results, r => Assert.True(r.Status == SmsSendStatus.Sent || r.ErrorCode == SmsErrorCodes.InFlight, r.ToString()));
    }

    [Fact]
    public async Task A_permanent_failure_is_remembered_and_never_retried()
    {
        twilio.Enqueue(FakeTwilioReply.OptedOut());

        var first = await Sender.SendAsync(Message("case-resolved:K7M3QX9P"), CancellationToken.None);
        var again = await Sender.SendAsync(Message("case-resolved:K7M3QX9P"), CancellationToken.None);

        Assert.Equal(SmsSendStatus.PermanentFailure, first.Status);
        Assert.Equal(first, again);
        Assert.Equal("21610", again.ErrorCode);
        Assert.Single(twilio.Requests);
    }

    [Fact]
    public async Task After_retry_later_the_next_send_goes_out_once()
    {
        twilio.Enqueue(FakeTwilioReply.ServerError());

        var first = await Sender.SendAsync(Message("ack-reminder:K7M3QX9P:80%"), CancellationToken.None);
        var second = await Sender.SendAsync(Message("ack-reminder:K7M3QX9P:80%"), CancellationToken.None);
        var third = await Sender.SendAsync(Message("ack-reminder:K7M3QX9P:80%"), CancellationToken.None);

        Assert.Equal(SmsSendStatus.RetryLater, first.Status);
        Assert.Equal(SmsSendStatus.Sent, second.Status);
        Assert.Equal(second, third);
        Assert.Equal(2, twilio.Requests.Count);
        Assert.Single(twilio.Sent);
        Assert.Equal(2, (await Ledger.FindAsync(SmsTableKeys.PartitionKey("ack-reminder:K7M3QX9P:80%"), SmsTableKeys.RowKey))!.GetInt32("Attempts"));
    }

    [Fact]
    public async Task A_send_in_flight_elsewhere_answers_retry_later_and_once_its_claim_times_out_twilio_is_asked_before_it_is_sent()
    {
        await Ledger.CreateIfNotExistsAsync();
        await Ledger.AddEntityAsync(new TableEntity("case-assigned:K7M3QX9P", "sms")
        {
            ["State"] = "sending",
            ["ClaimedAt"] = time.GetUtcNow(),
            ["Attempts"] = 1,
        });

        var busy = await Sender.SendAsync(Message("case-assigned:K7M3QX9P"), CancellationToken.None);
        Assert.Equal(SmsSendStatus.RetryLater, busy.Status);
        Assert.Equal(SmsErrorCodes.InFlight, busy.ErrorCode);
        Assert.Equal(TimeSpan.FromMinutes(2), busy.RetryAfter);

        // The other worker died mid-send, maybe with its request at Twilio: the next try asks Twilio, which never got it.
        time.Advance(TimeSpan.FromMinutes(3));
        var resent = await Sender.SendAsync(Message("case-assigned:K7M3QX9P"), CancellationToken.None);
        var again = await Sender.SendAsync(Message("case-assigned:K7M3QX9P"), CancellationToken.None);

        Assert.Equal(SmsSendStatus.Sent, resent.Status);
        Assert.Equal(resent, again);
        var lookup = Assert.Single(twilio.Lookups);
        Assert.Equal(Phone, lookup["To"]);
        Assert.Equal("+15005550006", lookup["From"]);
        Assert.Equal(Assert.Single(twilio.Messages).Sid, resent.ProviderMessageId);
        var entry = (await Ledger.FindAsync("case-assigned:K7M3QX9P", "sms"))!;
        Assert.Equal(("sent", 1, 2), (entry.GetString("State"), entry.GetInt32("Resends"), entry.GetInt32("Attempts")));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("asked before any new send", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_send_whose_answer_was_lost_waits_for_the_check_then_is_found_at_twilio_and_recorded_sent()
    {
        twilio.Enqueue(FakeTwilioReply.CreatedThenDropped());

        var lost = await Sender.SendAsync(Message("case-received:K7M3QX9P"), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(90));
        var early = await Sender.SendAsync(Message("case-received:K7M3QX9P"), CancellationToken.None);

        Assert.Equal(SmsSendStatus.Unknown, lost.Status);
        Assert.Equal(SmsErrorCodes.ConnectionLost, lost.ErrorCode);
        Assert.Equal(TimeSpan.FromMinutes(2), lost.RetryAfter);
        Assert.Equal((SmsSendStatus.Unknown, TimeSpan.FromSeconds(30)), (early.Status, early.RetryAfter));
        Assert.Empty(twilio.Lookups);
        Assert.Equal("unknown", (await Ledger.FindAsync("case-received:K7M3QX9P", "sms"))!.GetString("State"));

        time.Advance(TimeSpan.FromSeconds(30));
        var found = await Sender.SendAsync(Message("case-received:K7M3QX9P"), CancellationToken.None);
        var again = await Sender.SendAsync(Message("case-received:K7M3QX9P"), CancellationToken.None);

        Assert.Equal(SmsSendStatus.Sent, found.Status);
        Assert.Equal(Assert.Single(twilio.Messages).Sid, found.ProviderMessageId);
        Assert.Equal(found, again);
        Assert.Single(twilio.Requests); // Twilio had it: a second request would have been a second text
        Assert.Single(twilio.Lookups);
        var entry = (await Ledger.FindAsync("case-received:K7M3QX9P", "sms"))!;
        Assert.Equal(("sent", found.ProviderMessageId, "sent"), (entry.GetString("State"), entry.GetString("ProviderMessageId"), entry.GetString("ProviderStatus")));
    }

    [Fact]
    public async Task A_send_that_timed_out_before_twilio_took_it_is_sent_again_once()
    {
        twilio.Enqueue(FakeTwilioReply.Slow(TimeSpan.FromSeconds(30)));
        await using var quick = Services(new() { ["Hotline:Sms:Twilio:RequestTimeout"] = "00:00:00.300" });
        var sender = quick.GetRequiredService<ISmsSender>();

        var timedOut = await sender.SendAsync(Message("case-closed:K7M3QX9P"), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));
        var resent = await sender.SendAsync(Message("case-closed:K7M3QX9P"), CancellationToken.None);
        var again = await sender.SendAsync(Message("case-closed:K7M3QX9P"), CancellationToken.None);

        Assert.Equal((SmsSendStatus.Unknown, SmsErrorCodes.Timeout), (timedOut.Status, timedOut.ErrorCode));
        Assert.Equal(SmsSendStatus.Sent, resent.Status);
        Assert.Equal(resent, again);
        Assert.Equal(2, twilio.Requests.Count);
        Assert.Single(twilio.Lookups);
        Assert.Equal(Assert.Single(twilio.Messages).Sid, resent.ProviderMessageId);
        Assert.Equal(1, (await Ledger.FindAsync("case-closed:K7M3QX9P", "sms"))!.GetInt32("Resends"));
    }

    [Fact]
    public async Task A_lookup_that_fails_sends_nothing_and_is_asked_again_later()
    {
        twilio.Enqueue(FakeTwilioReply.CreatedThenDropped());
        twilio.EnqueueLookup(FakeTwilioReply.ServerError(), FakeTwilioReply.CreatedThenDropped());

        await Sender.SendAsync(Message("survey:K7M3QX9P"), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));
        var failed = await Sender.SendAsync(Message("survey:K7M3QX9P"), CancellationToken.None);
        var early = await Sender.SendAsync(Message("survey:K7M3QX9P"), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));
        var dropped = await Sender.SendAsync(Message("survey:K7M3QX9P"), CancellationToken.None);

        Assert.Equal((SmsSendStatus.Unknown, TimeSpan.FromMinutes(2)), (failed.Status, failed.RetryAfter));
        Assert.Equal((SmsSendStatus.Unknown, TimeSpan.FromMinutes(2)), (early.Status, early.RetryAfter));
        Assert.Equal(SmsSendStatus.Unknown, dropped.Status);
        Assert.Equal(2, twilio.Lookups.Count);
        Assert.Single(twilio.Requests);
        var entry = (await Ledger.FindAsync("survey:K7M3QX9P", "sms"))!;
        Assert.Equal(("unknown", SmsErrorCodes.LookupFailed), (entry.GetString("State"), entry.GetString("LookupError")));
        Assert.Contains(logs.Entries, e => e.Message.Contains("could not ask the provider", StringComparison.Ordinal));

        time.Advance(TimeSpan.FromMinutes(2));
        var found = await Sender.SendAsync(Message("survey:K7M3QX9P"), CancellationToken.None);

        Assert.Equal(SmsSendStatus.Sent, found.Status);
        Assert.Equal(Assert.Single(twilio.Messages).Sid, found.ProviderMessageId);
        Assert.Single(twilio.Requests);
    }

    [Fact]
    public async Task Sends_that_never_reach_twilio_are_tried_a_bounded_number_of_times_then_recorded_failed()
    {
        twilio.Enqueue([.. Enumerable.Repeat(FakeTwilioReply.Slow(TimeSpan.FromSeconds(30)), DeduplicatingSmsSender.MaxResends + 1)]);
        await using var quick = Services(new() { ["Hotline:Sms:Twilio:RequestTimeout"] = "00:00:00.300" });
        var sender = quick.GetRequiredService<ISmsSender>();

        var results = new List<SmsSendResult>();
        for (var i = 0; i <= DeduplicatingSmsSender.MaxResends + 1; i++)
        {
            results.Add(await sender.SendAsync(Message("officer-task:K7M3QX9P:o-dx-2"), CancellationToken.None));
            time.Advance(TimeSpan.FromMinutes(2));
        }

        Assert.All(results.SkipLast(1), r => Assert.Equal(SmsSendStatus.Unknown, r.Status));
        Assert.Equal((SmsSendStatus.PermanentFailure, SmsErrorCodes.NotConfirmed), (results[^1].Status, results[^1].ErrorCode));
        Assert.Equal(DeduplicatingSmsSender.MaxResends + 1, twilio.Requests.Count);
        Assert.Equal(DeduplicatingSmsSender.MaxResends + 1, twilio.Lookups.Count);
        Assert.Empty(twilio.Messages);
        Assert.Equal(results[^1], await sender.SendAsync(Message("officer-task:K7M3QX9P:o-dx-2"), CancellationToken.None));
        Assert.Equal("failed", (await Ledger.FindAsync("officer-task:K7M3QX9P:o-dx-2", "sms"))!.GetString("State"));
    }

    [Fact]
    public async Task Cancelling_while_the_request_is_at_twilio_still_records_the_outcome()
    {
        // The SDK takes no token, so the call runs on (bounded by the request timeout) and its answer is recorded.
        twilio.Enqueue(FakeTwilioReply.Slow(TimeSpan.FromMilliseconds(300)));
        SmsSendResult result;
        using (var cts = new CancellationTokenSource())
        {
            var sending = Sender.SendAsync(Message("case-merged:K7M3QX9P"), cts.Token);
            using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            {
                while (twilio.Requests.Count == 0)
                {
                    await Task.Delay(10, deadline.Token);
                }
            }

            await cts.CancelAsync();
            result = await sending;
        }

        Assert.Equal(SmsSendStatus.Sent, result.Status);
        Assert.Equal("sent", (await Ledger.FindAsync("case-merged:K7M3QX9P", "sms"))!.GetString("State"));
        Assert.Equal(result, await Sender.SendAsync(Message("case-merged:K7M3QX9P"), CancellationToken.None));
        Assert.Single(twilio.Requests);
    }

    [Fact]
    public async Task A_malformed_message_fails_without_a_ledger_entry()
    {
        var result = await Sender.SendAsync(new OutgoingSms("k", "not a phone", "help", "zh-CN", "帮助"), CancellationToken.None);
        Assert.Equal(SmsErrorCodes.InvalidMessage, result.ErrorCode);
        Assert.Empty(twilio.Requests);
    }

    [Fact]
    public async Task The_largest_ledger_row_stays_inside_the_service_limits()
    {
        var key = "officer-task:" + new string('k', OutgoingSms.MaxMessageKeyLength - "officer-task:".Length);
        var sms = new OutgoingSms(key, Phone, "officer-task", "zh-CN", new string('欠', Hotline.Sms.Templates.SmsSegments.MaxBodyLength));

        Assert.Equal(SmsSendStatus.Sent, (await Sender.SendAsync(sms, CancellationToken.None)).Status);

        var row = await Ledger.FindAsync(SmsTableKeys.PartitionKey(key), SmsTableKeys.RowKey);
        Assert.NotNull(row);
        Assert.Equal(DeduplicatingSmsSender.Sent, row.GetString("State"));
        TableServiceLimits.AssertWithin(row);
    }

    private static OutgoingSms Message(string key) =>
        new(key, Phone, key.Split(':')[0], "zh-CN", "【12351职工服务热线】您的工单K7M3QX9P已交定西市安定区总工会办理。");
}
