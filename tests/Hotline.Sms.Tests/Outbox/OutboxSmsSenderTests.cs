using Hotline.Sms.Outbox;
using Hotline.Sms.Phones;
using Hotline.Sms.Templates;
using Hotline.Sms.Tests.Support;
using Azure.Data.Tables;
using Hotline.Testing;
using Microsoft.Extensions.Logging;

namespace Hotline.Sms.Tests.Outbox;

public sealed class OutboxSmsSenderTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>
{
    private const string Phone = "+8613912345678";
    private const string Body = "【12351职工服务热线】新工单K7M3QX9P（欠薪/劳动报酬，甘肃省定西市安定区）：工地拖欠6个月工资。\n请于6月3日 14:30前签收，回复“收到 K7M3QX9P”。";
    private static readonly PhoneHash Hash = new("test-phone-hash-key-0123456789");

    private readonly InstantTimeProvider time = new();
    private readonly LogCollector logs = new();

    [Fact]
    public async Task The_outbox_records_the_message_with_the_phone_masked_and_hashed_and_prints_one_line()
    {
        var table = await azurite.CreateTableAsync(UniqueName.Table("outbox"));
        var sms = new OutgoingSms("officer-task:K7M3QX9P:o-dx-1", Phone, "officer-task", "zh-CN", Body);

        var result = await Sender(table).SendAsync(sms, CancellationToken.None);

        Assert.Equal(SmsSendStatus.Sent, result.Status);
        Assert.Equal("outbox:officer-task:K7M3QX9P:o-dx-1", result.ProviderMessageId);
        Assert.Equal(SmsSegments.Count(Body), result.Segments);

        var entity = await table.FindAsync("officer-task:K7M3QX9P:o-dx-1", "sms");
        Assert.NotNull(entity);
        Assert.Equal("officer-task:K7M3QX9P:o-dx-1", entity.GetString("MessageKey"));
        Assert.Equal("+86139****5678", entity.GetString("To"));
        Assert.Equal(Hash.Compute(Phone), entity.GetString("ToHash"));
        Assert.Equal("officer-task", entity.GetString("Template"));
        Assert.Equal("zh-CN", entity.GetString("Language"));
        Assert.Equal(Body, entity.GetString("Body"));
        Assert.Equal(2, entity.GetInt32("Segments"));
        Assert.Equal("Ucs2", entity.GetString("Encoding"));
        Assert.Equal(time.GetUtcNow(), entity.GetDateTimeOffset("CreatedAt"));
        Assert.DoesNotContain(entity.Select(p => p.Value), v => v is string s && s.Contains("13912345678", StringComparison.Ordinal));

        var line = Assert.Single(logs.Entries, e => e.Level == LogLevel.Information);
        Assert.Equal("SMS → +86139****5678 [officer-task] " + Body, line.Message);
        Assert.DoesNotContain("13912345678", logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sending_the_same_message_key_twice_stores_and_prints_once()
    {
        var table = await azurite.CreateTableAsync(UniqueName.Table("outbox"));
        var sender = Sender(table);
        var sms = new OutgoingSms("case-received:K7M3QX9P", Phone, "case-received", "zh-CN", "【12351职工服务热线】您的诉求已受理。");

        var first = await sender.SendAsync(sms, CancellationToken.None);
        var second = await sender.SendAsync(sms, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(await Rows(table));
        Assert.Single(logs.Entries, e => e.Level == LogLevel.Information);
    }

    [Fact]
    public async Task Concurrent_sends_of_one_key_store_and_print_once()
    {
        var table = await azurite.CreateTableAsync(UniqueName.Table("outbox"));
        var sender = Sender(table);
        var sms = new OutgoingSms("case-received:H4T8WN2C", Phone, "case-received", "en", "[12351 Workers' Hotline] Your request is received.");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => sender.SendAsync(sms, CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(SmsSendStatus.Sent, r.Status));
        Assert.Single(await Rows(table));
        Assert.Single(logs.Entries, e => e.Level == LogLevel.Information);
    }

    [Fact]
    public async Task Keys_with_characters_tables_forbid_are_escaped_and_still_idempotent()
    {
        var table = await azurite.CreateTableAsync(UniqueName.Table("outbox"));
        var sender = Sender(table);
        var sms = new OutgoingSms("reply/SM12#3?x=50%", Phone, "help", "en", "[12351 Workers' Hotline] Help.");

        await sender.SendAsync(sms, CancellationToken.None);
        await sender.SendAsync(sms, CancellationToken.None);

        var row = Assert.Single(await Rows(table));
        Assert.Equal("reply%2FSM12%233%3Fx=50%25", row.PartitionKey);
        Assert.Equal("reply/SM12#3?x=50%", row.GetString("MessageKey"));
    }

    [Fact]
    public async Task Different_keys_are_different_messages()
    {
        var table = await azurite.CreateTableAsync(UniqueName.Table("outbox"));
        var sender = Sender(table);

        await sender.SendAsync(new OutgoingSms("ack-reminder:K7M3QX9P:50%", Phone, "ack-reminder", "zh-CN", "催办 50%"), CancellationToken.None);
        await sender.SendAsync(new OutgoingSms("ack-reminder:K7M3QX9P:80%", Phone, "ack-reminder", "zh-CN", "催办 80%"), CancellationToken.None);

        Assert.Equal(2, (await Rows(table)).Count);
    }

    [Fact]
    public async Task A_malformed_message_is_refused_and_not_stored()
    {
        var table = await azurite.CreateTableAsync(UniqueName.Table("outbox"));
        var sender = Sender(table);
        await sender.SendAsync(new OutgoingSms("ok", Phone, "help", "en", "Help."), CancellationToken.None);

        var result = await sender.SendAsync(new OutgoingSms("bad", "13912345678", "help", "en", "Help."), CancellationToken.None);

        Assert.Equal(SmsSendStatus.PermanentFailure, result.Status);
        Assert.Equal(SmsErrorCodes.InvalidMessage, result.ErrorCode);
        Assert.Single(await Rows(table));
        Assert.DoesNotContain("13912345678", logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_largest_outbox_row_stays_inside_the_service_limits()
    {
        var table = await azurite.CreateTableAsync(UniqueName.Table("outbox"));
        var key = "officer-task:" + new string('k', OutgoingSms.MaxMessageKeyLength - "officer-task:".Length);
        var body = new string('欠', SmsSegments.MaxBodyLength);

        Assert.Equal(SmsSendStatus.Sent, (await Sender(table).SendAsync(new OutgoingSms(key, Phone, "officer-task", "zh-CN", body), CancellationToken.None)).Status);

        var row = Assert.Single(await Rows(table));
        Assert.Equal(body, row.GetString("Body"));
        TableServiceLimits.AssertWithin(row);
    }

    [Theory]
    [InlineData("老板欠薪，联系我13987654321", "13987654321")]
    [InlineData("工友电话 139 8765 4321", "8765 4321")]
    [InlineData("也可以打139-8765-4321", "8765-4321")]
    [InlineData("Call me on +86 139 8765 4321 please", "8765 4321")]
    [InlineData("电话１３９８７６５４３２１", "８７６５４３２１")]
    [InlineData("座机0931-8765432", "8765432")]
    public async Task A_phone_number_a_caller_wrote_into_the_text_is_masked_in_the_printed_line(string description, string hidden)
    {
        var table = await azurite.CreateTableAsync(UniqueName.Table("outbox"));
        var body = $"【12351职工服务热线】新工单K7M3QX9P（欠薪/劳动报酬）：{description}\n请于6月3日 14:30前签收。";

        await Sender(table).SendAsync(new OutgoingSms("officer-task:K7M3QX9P:o-dx-1", Phone, "officer-task", "zh-CN", body), CancellationToken.None);

        var line = Assert.Single(logs.Entries, e => e.Level == LogLevel.Information);
        Assert.DoesNotContain(hidden, line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden, logs.AllText(), StringComparison.Ordinal);
        Assert.Contains("K7M3QX9P", line.Message, StringComparison.Ordinal);
        Assert.Contains("6月3日 14:30", line.Message, StringComparison.Ordinal);
    }

    private OutboxSmsSender Sender(TableClient table) =>
        new(table, Hash, time, new Logger<OutboxSmsSender>(new LoggerFactory([logs])));

    private static async Task<List<TableEntity>> Rows(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
