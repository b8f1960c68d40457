using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Hotline.FollowUp;
using Hotline.Routing;
using Hotline.Sms;
using Hotline.Testing;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Storage;

/// <summary>The one storage registration as the app starts it: tables and queues made, queue messages as the trigger reads them.</summary>
public sealed class StorageStartTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>
{
    [Fact]
    public async Task Every_table_and_queue_of_the_app_the_sms_tables_included_exists_once_the_app_has_started()
    {
        using var app = new HotlineApp(azurite);
        var storage = app.Storage;

        Assert.Contains(storage.Sms.Outbox.Name, storage.Tables.Select(t => t.Name));
        Assert.Contains(storage.Sms.Ledger.Name, storage.Tables.Select(t => t.Name));
        foreach (var table in storage.Tables)
        {
            Assert.True((await azurite.Tables.QueryAsync(t => t.Name == table.Name).ToListAsync()).Count == 1, $"table {table.Name}");
        }

        foreach (var queue in storage.Queues)
        {
            Assert.True((await azurite.GetQueueClient(queue.Name).ExistsAsync()).Value, $"queue {queue.Name}");
        }
    }

    [Fact]
    public async Task With_create_if_missing_off_the_app_creates_nothing()
    {
        using var app = new HotlineApp(azurite, new Dictionary<string, string?> { ["Hotline:Storage:CreateIfMissing"] = "false" });
        app.ExpectWarnings("The daily bulletin of", "The same-text rule's expiry run of");
        var storage = app.Storage;

        Assert.False((await azurite.GetQueueClient(storage.CaseRouting.Name).ExistsAsync()).Value);
        Assert.Empty(await azurite.Tables.QueryAsync(t => t.Name == storage.Cases.Name).ToListAsync());
    }

    [Fact]
    public async Task Every_typed_sender_writes_base64_which_is_what_the_queue_trigger_reads()
    {
        using var app = new HotlineApp(azurite);
        await app.Services.GetRequiredService<CaseRoutingQueue>().SendAsync(new RouteCaseMessage("K7M3QX9P"), delay: null, default);
        await app.Services.GetRequiredService<SmsNotifications>().EnqueueAsync(
            new SmsRequest("k:1", "K7M3QX9P", "+8613900001234", "help", "zh-CN", new Dictionary<string, string>()), default);
        await app.Services.GetRequiredService<FollowUpQueue>().SendAsync(new FollowUpMessage("ack", "K7M3QX9P"), default);

        foreach (var queue in app.Storage.Queues)
        {
            // Read as stored, not through the app's decoding client.
            var stored = Assert.Single((await azurite.GetQueueClient(queue.Name, QueueMessageEncoding.None).PeekMessagesAsync(32)).Value).MessageText;
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(stored)));
            Assert.Contains(json.RootElement.EnumerateObject(), p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == "K7M3QX9P");
        }
    }
}
