using Hotline.Sms.Ledger;
using Hotline.Sms.Phones;
using Azure.Data.Tables;
using Hotline.Sms.Tests.Support;
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
            ["Hotline:Sms:PhoneHashKey"] = HashKey,
            ["Hotline:Sms:Twilio:AccountSid"] = FakeTwilioServer.DefaultAccountSid,
            ["Hotline:Sms:Twilio:AuthToken"] = FakeTwilioServer.DefaultAuthToken,
            ["Hotline:Sms:Twilio:From"] = "+15005550006",
            ["Hotline:Sms:Twilio:BaseUrl"] = twilio.BaseUrl.ToString(),
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        collection.AddSingleton<TimeProvider>(time);
        collection.AddSingleton(azurite.Tables);
        collection.AddHotlineSms(configuration);
        services = collection.BuildServiceProvider();
        await azurite.CreateTableAsync(ledgerTable);
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
        twilio.Enqueue(FakeTwilioReply.ServerError(), FakeTwilioReply.ServerError(), FakeTwilioReply.ServerError());

        var first = await Sender.SendAsync(Message("ack-reminder:K7M3QX9P:80%"), CancellationToken.None);
        var second = await Sender.SendAsync(Message("ack-reminder:K7M3QX9P:80%"), CancellationToken.None);
        var third = await Sender.SendAsync(Message("ack-reminder:K7M3QX9P:80%"), CancellationToken.None);

        Assert.Equal(SmsSendStatus.RetryLater, first.Status);
        Assert.Equal(SmsSendStatus.Sent, second.Status);
        Assert.Equal(second, third);
        Assert.Equal(4, twilio.Requests.Count);
        Assert.Single(twilio.Sent);
        Assert.Equal(2, (await Ledger.FindAsync(SmsTableKeys.PartitionKey("ack-reminder:K7M3QX9P:80%"), SmsTableKeys.RowKey))!.GetInt32("Attempts"));
    }

    [Fact]
    public async Task A_send_in_flight_elsewhere_answers_retry_later_until_its_claim_times_out()
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
        Assert.Empty(twilio.Requests);

        // The other worker died mid-send: after the claim timeout the message goes out.
        time.Advance(TimeSpan.FromMinutes(3));
        var sent = await Sender.SendAsync(Message("case-assigned:K7M3QX9P"), CancellationToken.None);
        Assert.Equal(SmsSendStatus.Sent, sent.Status);
        Assert.Single(twilio.Sent);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("sending again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cancelled_send_frees_its_claim_for_the_next_try()
    {
        twilio.Enqueue(FakeTwilioReply.Slow(TimeSpan.FromSeconds(30)));
        using (var cts = new CancellationTokenSource())
        {
            var sending = Sender.SendAsync(Message("case-merged:K7M3QX9P"), cts.Token);

            // Cancel once the request is at Twilio, i.e. after the claim.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (twilio.Requests.Count == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        }

        Assert.Equal("retry", (await Ledger.FindAsync("case-merged:K7M3QX9P", "sms"))!.GetString("State"));
        var result = await Sender.SendAsync(Message("case-merged:K7M3QX9P"), CancellationToken.None);
        Assert.Equal(SmsSendStatus.Sent, result.Status);
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
