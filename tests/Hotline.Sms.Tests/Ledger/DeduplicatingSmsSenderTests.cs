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
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hotline:Sms:Provider"] = "Twilio",
            ["Hotline:Sms:LedgerTable"] = ledgerTable,
            ["Hotline:Sms:RecentTable"] = recentTable,
            ["Hotline:Sms:PhoneHashKey"] = HashKey,
            ["Hotline:Sms:Twilio:AccountSid"] = FakeTwilioServer.DefaultAccountSid,
            ["Hotline:Sms:Twilio:AuthToken"] = FakeTwilioServer.DefaultAuthToken,
            ["Hotline:Sms:Twilio:From"] = "+15005550006",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        collection.AddSingleton<TimeProvider>(time);
        collection.AddSingleton(azurite.Tables);
        collection.AddHotlineSms(configuration);
        collection.AddHttpClient(TwilioSmsSender.HttpClientName).AddHttpMessageHandler(twilio.CreateRedirectHandler);
        services = collection.BuildServiceProvider();
        await azurite.CreateTableAsync(ledgerTable);
        await azurite.CreateTableAsync(recentTable);
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
    public async Task A_send_in_flight_elsewhere_answers_retry_later_and_once_its_claim_times_out_with_its_request_out_is_never_sent_again()
    {
        await Ledger.CreateIfNotExistsAsync();
        await Ledger.AddEntityAsync(new TableEntity("case-assigned:K7M3QX9P", "sms")
        {
            ["State"] = "requesting",
            ["ClaimedAt"] = time.GetUtcNow(),
            ["RequestedAt"] = time.GetUtcNow(),
            ["Attempts"] = 1,
        });

        var busy = await Sender.SendAsync(Message("case-assigned:K7M3QX9P"), CancellationToken.None);
        Assert.Equal(SmsSendStatus.RetryLater, busy.Status);
        Assert.Equal(SmsErrorCodes.InFlight, busy.ErrorCode);
        Assert.Equal(TimeSpan.FromMinutes(2), busy.RetryAfter);

        // The other worker died with its request out, at Twilio or on its way: the text may be out already.
        time.Advance(TimeSpan.FromMinutes(3));
        var expired = await Sender.SendAsync(Message("case-assigned:K7M3QX9P"), CancellationToken.None);
        var again = await Sender.SendAsync(Message("case-assigned:K7M3QX9P"), CancellationToken.None);

        Assert.Equal(SmsSendStatus.Unknown, expired.Status);
        Assert.Equal(SmsErrorCodes.ClaimExpired, expired.ErrorCode);
        Assert.Equal(expired, again);
        Assert.Empty(twilio.Requests);
        Assert.Equal("unknown", (await Ledger.FindAsync("case-assigned:K7M3QX9P", "sms"))!.GetString("State"));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("not sent again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_claim_that_timed_out_before_its_request_went_out_is_sent_once_by_the_next_try()
    {
        // A worker killed between the claim and the request (in the same-text rule's writes, say) left only its claim.
        await Ledger.CreateIfNotExistsAsync();
        await Ledger.AddEntityAsync(new TableEntity("case-received:K7M3QX9P", "sms")
        {
            ["State"] = "sending",
            ["ClaimedAt"] = time.GetUtcNow(),
            ["Attempts"] = 1,
        });

        var busy = await Sender.SendAsync(Message("case-received:K7M3QX9P"), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(3));
        var sent = await Sender.SendAsync(Message("case-received:K7M3QX9P"), CancellationToken.None);
        var again = await Sender.SendAsync(Message("case-received:K7M3QX9P"), CancellationToken.None);

        Assert.Equal(SmsErrorCodes.InFlight, busy.ErrorCode);
        Assert.Equal(SmsSendStatus.Sent, sent.Status);
        Assert.Equal(sent, again);
        Assert.Equal(sent.ProviderMessageId, Assert.Single(twilio.Sent).MessageSid);
        var entry = (await Ledger.FindAsync("case-received:K7M3QX9P", "sms"))!;
        Assert.Equal("sent", entry.GetString("State"));
        Assert.Equal(2, entry.GetInt32("Attempts"));
        Assert.NotNull(entry.GetDateTimeOffset("RequestedAt"));
    }

    [Fact]
    public async Task A_send_whose_answer_was_lost_is_recorded_unknown_and_never_sent_twice()
    {
        twilio.Enqueue(FakeTwilioReply.CreatedThenDropped());

        var lost = await Sender.SendAsync(Message("case-received:K7M3QX9P"), CancellationToken.None);
        var retried = await Sender.SendAsync(Message("case-received:K7M3QX9P"), CancellationToken.None);

        Assert.Equal(SmsSendStatus.Unknown, lost.Status);
        Assert.Equal(SmsErrorCodes.ConnectionLost, lost.ErrorCode);
        Assert.Equal(lost, retried);
        Assert.Single(twilio.Requests);
        Assert.Single(twilio.Sent); // Twilio did take it: a second request would have been a second text
        var entry = (await Ledger.FindAsync("case-received:K7M3QX9P", "sms"))!;
        Assert.Equal("unknown", entry.GetString("State"));
        Assert.Equal(SmsErrorCodes.ConnectionLost, entry.GetString("ErrorCode"));
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
