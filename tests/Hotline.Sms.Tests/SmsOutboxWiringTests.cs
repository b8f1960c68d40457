using Azure.Data.Tables;
using Hotline.Sms.SameText;
using Hotline.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Sms.Tests;

public sealed class SmsOutboxWiringTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>
{
    [Fact]
    public async Task By_default_messages_go_to_the_outbox_table_of_the_registered_table_service()
    {
        var table = UniqueName.Table("outbox");
        var recent = UniqueName.Table("recent");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hotline:Sms:OutboxTable"] = table,
            ["Hotline:Sms:RecentTable"] = recent,
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton(new TableServiceClient(azurite.ConnectionString));
        collection.AddHotlineSms(configuration);
        await azurite.CreateTableAsync(table);
        await azurite.CreateTableAsync(recent);
        using var services = collection.BuildServiceProvider();

        var sender = services.GetRequiredService<ISmsSender>();
        var result = await sender.SendAsync(new OutgoingSms("help:SM1", "+8613912345678", "help", "zh-CN", "帮助"), CancellationToken.None);

        Assert.IsType<SameTextSmsSender>(sender);
        Assert.Equal(SmsSendStatus.Sent, result.Status);
        Assert.NotNull(await azurite.GetTableClient(table).FindAsync("help:SM1", "sms"));
        // The same-text rule recorded it in each day partition of its window: today's and, but at midnight sharp, tomorrow's.
        var recorded = await azurite.GetTableClient(recent).RowsAsync();
        Assert.InRange(recorded.Count, 1, 2);
        Assert.All(recorded, r => Assert.Equal("help:SM1", r.GetString("MessageKey")));
    }
}
