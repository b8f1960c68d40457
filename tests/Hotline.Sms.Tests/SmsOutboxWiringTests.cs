using Hotline.Sms.Outbox;
using Hotline.Storage.Tables;
using Hotline.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Sms.Tests;

public sealed class SmsOutboxWiringTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>
{
    [Fact]
    public async Task By_default_messages_go_to_the_outbox_of_the_azure_web_jobs_storage_account()
    {
        var table = UniqueName.Table("outbox");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Hotline:Sms:OutboxTable"] = table,
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddHotlineSms(configuration);
        using var services = collection.BuildServiceProvider();

        var sender = services.GetRequiredService<ISmsSender>();
        var result = await sender.SendAsync(new OutgoingSms("help:SM1", "+8613912345678", "help", "zh-CN", "帮助"), CancellationToken.None);

        Assert.IsType<OutboxSmsSender>(sender);
        Assert.Equal(SmsSendStatus.Sent, result.Status);
        Assert.NotNull(await azurite.Account.GetTableClient(table).GetEntityIfExistsAsync("help:SM1", "sms"));
    }
}
