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

        // A row per phone and text in each day partition a text's window touches, keyed by hashes: neither the number
        // nor the text is stored. The first text's row of its second day was taken over by the third.
        var rows = await Recent.RowsAsync();
        Assert.Equal(
            ["window-2025-06-03 case-assigned:K7M3QX9P:east", "window-2025-06-04 case-assigned:K7M3QX9P:next-day", "window-2025-06-05 case-assigned:K7M3QX9P:next-day"],
            rows.Select(r => $"{r.PartitionKey} {r.GetString("MessageKey")}").Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.StartsWith(new PhoneHash(HashKey).Compute(Phone) + "-", r.RowKey, StringComparison.Ordinal));
        Assert.Equal(1, Assert.Single(rows, r => r.GetInt32("Suppressed") is not null).GetInt32("Suppressed"));
        Assert.All(rows, row => Assert.DoesNotContain(row.Select(p => p.Value), v => v is string s && (s.Contains("13912345678", StringComparison.Ordinal) || s.Contains("工单", StringComparison.Ordinal))));
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
        Assert.All(await Recent.RowsAsync(), r => Assert.Null(r.GetInt32("Suppressed")));
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

    [Fact]
    public async Task The_rule_holds_across_midnight_when_the_days_partition_changes()
    {
        time.Advance(TimeSpan.FromHours(21)); // 23:00 UTC
        var late = await Sender.SendAsync(Message("a"), CancellationToken.None);
        time.Advance(TimeSpan.FromHours(2)); // 01:00 the next day: another partition
        var afterMidnight = await Sender.SendAsync(Message("b"), CancellationToken.None);
        time.Advance(TimeSpan.FromHours(22)); // 24 h after the first
        var dayLater = await Sender.SendAsync(Message("c"), CancellationToken.None);

        Assert.Equal([SmsSendStatus.Sent, SmsSendStatus.Suppressed, SmsSendStatus.Sent], new[] { late.Status, afterMidnight.Status, dayLater.Status });
        Assert.Equal(["a", "c"], await OutboxKeysAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Identical_texts_from_two_workers_whose_clocks_straddle_midnight_go_out_once(bool beforeFirst)
    {
        // One worker's clock reads 23:59:59.999 (it writes 06-03 and 06-04), the other's 00:00:00.001 (06-04 and 06-05):
        // they meet at 06-04's row, whichever comes first.
        time.Advance(TimeSpan.FromHours(22) - TimeSpan.FromMilliseconds(1));
        var other = new InstantTimeProvider();
        other.Advance(time.GetUtcNow() - other.GetUtcNow() + TimeSpan.FromMilliseconds(2));
        var before = Worker(time);
        var after = Worker(other);

        var results = beforeFirst
            ? [await before.SendAsync(Message("a"), CancellationToken.None), await after.SendAsync(Message("b"), CancellationToken.None)]
            : new[] { await after.SendAsync(Message("b"), CancellationToken.None), await before.SendAsync(Message("a"), CancellationToken.None) };
        var atOnce = await Task.WhenAll(before.SendAsync(Message("c", body: Body + "。"), CancellationToken.None), after.SendAsync(Message("d", body: Body + "。"), CancellationToken.None));

        Assert.Equal([SmsSendStatus.Sent, SmsSendStatus.Suppressed], results.Select(r => r.Status));
        Assert.Single(atOnce, r => r.Status == SmsSendStatus.Sent);
        Assert.Equal(2, (await OutboxKeysAsync()).Count);

        // The loser gave up what it had written: each text left the winner's two rows.
        Assert.Equal(4, (await Recent.RowsAsync()).Count);
    }

    [Fact]
    public async Task Expiry_deletes_the_days_that_are_over_and_keeps_every_text_younger_than_the_window()
    {
        var expiry = services.GetRequiredService<SameTextExpiry>();
        var start = time.GetUtcNow(); // 2025-06-03 02:00 UTC
        await Sender.SendAsync(Message("old"), CancellationToken.None);
        time.Advance(TimeSpan.FromHours(20)); // 22:00
        await Sender.SendAsync(Message("young", body: Body + "。"), CancellationToken.None);
        await Recent.AddEntityAsync(new TableEntity(new PhoneHash(HashKey).Compute(Phone), "0123456789abcdef0123456789abcdef") { ["MessageKey"] = "former-scheme" });

        // 06-04 00:59: the day of 06-03 is over, but not by the margin yet; only the row of the former key scheme goes.
        time.Advance(TimeSpan.FromHours(3) - TimeSpan.FromMinutes(1));
        Assert.Equal(SameTextExpiry.NextRunAfter(start), time.GetUtcNow() + TimeSpan.FromMinutes(1));
        Assert.Equal((1, false), await expiry.DeleteExpiredAsync(time.GetUtcNow(), 100, CancellationToken.None));
        Assert.Equal(["window-2025-06-03 old", "window-2025-06-03 young", "window-2025-06-04 old", "window-2025-06-04 young"], await RowsAsync());

        // 06-04 01:00: the partition of 06-03 goes; both texts (23 h and 3 h old) are still recorded in 06-04's.
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((2, false), await expiry.DeleteExpiredAsync(time.GetUtcNow(), 100, CancellationToken.None));
        Assert.Equal(["window-2025-06-04 old", "window-2025-06-04 young"], await RowsAsync());
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(SmsSendStatus.Suppressed, (await Sender.SendAsync(Message("old-again"), CancellationToken.None)).Status);
        Assert.Equal(SmsSendStatus.Sent, (await Sender.SendAsync(Message("fresh", body: Body + "！"), CancellationToken.None)).Status);

        // 06-05 01:00: 'old' (47 h) and 'young' (27 h) are gone; 'fresh' (23 h) stays in 06-05's partition and holds.
        time.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(1));
        Assert.Equal((3, false), await expiry.DeleteExpiredAsync(time.GetUtcNow(), 100, CancellationToken.None));
        Assert.Equal(["window-2025-06-05 fresh"], await RowsAsync());
        Assert.Equal(SmsSendStatus.Suppressed, (await Sender.SendAsync(Message("fresh-again", body: Body + "！"), CancellationToken.None)).Status);
        Assert.Equal(SmsSendStatus.Sent, (await Sender.SendAsync(Message("young-again", body: Body + "。"), CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Expiry_stops_at_its_bound_and_the_next_run_finishes()
    {
        var expiry = services.GetRequiredService<SameTextExpiry>();
        for (var i = 0; i < 7; i++)
        {
            await Sender.SendAsync(Message($"k{i}", to: $"+86139123456{i:D2}"), CancellationToken.None);
        }

        time.Advance(TimeSpan.FromDays(3));
        Assert.Equal((5, true), await expiry.DeleteExpiredAsync(time.GetUtcNow(), 5, CancellationToken.None));
        Assert.Equal((9, false), await expiry.DeleteExpiredAsync(time.GetUtcNow(), 100, CancellationToken.None));
        Assert.Empty(await Recent.RowsAsync());
    }

    /// <summary>Another worker on the same tables with a clock of its own.</summary>
    private SameTextSmsSender Worker(TimeProvider clock)
    {
        var hash = new PhoneHash(HashKey);
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var outbox = new Hotline.Sms.Outbox.OutboxSmsSender(Outbox, hash, clock, loggers.CreateLogger<Hotline.Sms.Outbox.OutboxSmsSender>());
        return new SameTextSmsSender(outbox, Recent, hash, TimeSpan.FromHours(24), clock, loggers.CreateLogger<SameTextSmsSender>());
    }

    private async Task<List<string>> RowsAsync() =>
        [.. (await Recent.RowsAsync()).Select(r => $"{r.PartitionKey} {r.GetString("MessageKey")}").Order(StringComparer.Ordinal)];

    private async Task<List<string?>> OutboxKeysAsync() =>
        [.. (await Outbox.RowsAsync()).Select(r => r.GetString("MessageKey")).Order(StringComparer.Ordinal)];
}
