using Azure.Data.Tables;
using Hotline.Sms.Phones;
using Hotline.Sms.SameText;
using Hotline.Sms.Tests.Support;
using Hotline.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hotline.Sms.Tests.SameText;

/// <summary>The same-text rule in front of the outbox provider, as the app registers it.</summary>
public sealed class SameTextSmsSenderTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IAsyncLifetime
{
    private const string Phone = "+8613912345678";
    private const string HashKey = "test-phone-hash-key-0123456789";
    private const string Body = "【12351职工服务热线】您的工单K7M3QX9P已交定西市安定区总工会办理。";

    private readonly InstantTimeProvider time = new();
    private readonly LogCollector logs = new();
    private readonly string outboxTable = UniqueName.Table("outbox");
    private readonly string recentTable = UniqueName.Table("recent");
    private ServiceProvider services = null!;

    private ISmsSender Sender => services.GetRequiredService<ISmsSender>();

    private TableClient Outbox => azurite.GetTableClient(outboxTable);

    private TableClient Recent => azurite.GetTableClient(recentTable);

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hotline:Sms:OutboxTable"] = outboxTable,
            ["Hotline:Sms:RecentTable"] = recentTable,
            ["Hotline:Sms:PhoneHashKey"] = HashKey,
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        collection.AddSingleton<TimeProvider>(time);
        collection.AddSingleton(azurite.Tables);
        collection.AddHotlineSms(configuration);
        services = collection.BuildServiceProvider();
        await azurite.CreateTableAsync(outboxTable);
        await azurite.CreateTableAsync(recentTable);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        Assert.DoesNotContain("13912345678", logs.AllText(), StringComparison.Ordinal);
    }

    private static OutgoingSms Message(string key, string to = Phone, string body = Body) => new(key, to, "case-assigned", "zh-CN", body);

    [Fact]
    public async Task The_same_text_to_one_phone_within_24_h_is_suppressed_and_goes_again_after()
    {
        var first = await Sender.SendAsync(Message("case-assigned:K7M3QX9P:east"), CancellationToken.None);
        time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var second = await Sender.SendAsync(Message("case-assigned:K7M3QX9P:again"), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        var third = await Sender.SendAsync(Message("case-assigned:K7M3QX9P:next-day"), CancellationToken.None);

        Assert.Equal(SmsSendStatus.Sent, first.Status);
        Assert.Equal(SmsSendStatus.Suppressed, second.Status);
        Assert.Equal(SmsErrorCodes.SameText, second.ErrorCode);
        Assert.Contains("case-assigned:K7M3QX9P:east", second.Detail, StringComparison.Ordinal);
        Assert.Equal(SmsSendStatus.Sent, third.Status);
        Assert.Equal(["case-assigned:K7M3QX9P:east", "case-assigned:K7M3QX9P:next-day"], await OutboxKeysAsync());

        // One row per phone and text, keyed by hashes: neither the number nor the text is stored.
        var row = Assert.Single(await Recent.RowsAsync());
        Assert.Equal(new PhoneHash(HashKey).Compute(Phone), row.PartitionKey);
        Assert.Equal("case-assigned:K7M3QX9P:next-day", row.GetString("MessageKey"));
        Assert.Equal(1, row.GetInt32("Suppressed"));
        Assert.DoesNotContain(row.Select(p => p.Value), v => v is string s && (s.Contains("13912345678", StringComparison.Ordinal) || s.Contains("工单", StringComparison.Ordinal)));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("not sent: the same text", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_text_or_another_phone_is_not_held_back()
    {
        var results = new[]
        {
            await Sender.SendAsync(Message("a"), CancellationToken.None),
            await Sender.SendAsync(Message("b", to: "+8613912345679"), CancellationToken.None),
            await Sender.SendAsync(Message("c", body: Body + "。"), CancellationToken.None),
        };

        Assert.All(results, r => Assert.Equal(SmsSendStatus.Sent, r.Status));
        Assert.Equal(["a", "b", "c"], await OutboxKeysAsync());
    }

    [Fact]
    public async Task A_text_sent_again_under_its_own_key_meets_the_providers_deduplication_not_the_rule()
    {
        var first = await Sender.SendAsync(Message("case-assigned:K7M3QX9P:east"), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(5));
        var again = await Sender.SendAsync(Message("case-assigned:K7M3QX9P:east"), CancellationToken.None);

        Assert.Equal(first, again);
        Assert.Single(await OutboxKeysAsync());
        Assert.Null((await Recent.RowsAsync()).Single().GetInt32("Suppressed"));
    }

    [Fact]
    public async Task Identical_texts_sent_at_once_go_out_once()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Sender.SendAsync(Message($"k:{i}"), CancellationToken.None)));

        Assert.Single(results, r => r.Status == SmsSendStatus.Sent);
        Assert.Equal(5, results.Count(r => r.Status == SmsSendStatus.Suppressed));
        Assert.Single(await OutboxKeysAsync());
    }

    [Fact]
    public async Task A_malformed_text_is_refused_without_a_claim()
    {
        var result = await Sender.SendAsync(Message("k", to: "not a phone"), CancellationToken.None);

        Assert.Equal(SmsErrorCodes.InvalidMessage, result.ErrorCode);
        Assert.Empty(await Recent.RowsAsync());
    }

    private async Task<List<string?>> OutboxKeysAsync() =>
        [.. (await Outbox.RowsAsync()).Select(r => r.GetString("MessageKey")).Order(StringComparer.Ordinal)];
}
