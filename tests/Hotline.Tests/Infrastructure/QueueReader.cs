using System.Text.Json;
using Azure.Storage.Queues;

namespace Hotline.Tests.Infrastructure;

public static class QueueReader
{
    /// <summary>Every message on the queue, decoded by the app's own (base64) client, without taking them off.</summary>
    public static async Task<List<JsonElement>> PeekJsonAsync(this QueueClient queue)
    {
        var messages = (await queue.PeekMessagesAsync(32)).Value;
        return messages.Select(m => JsonDocument.Parse(m.Body.ToString()).RootElement.Clone()).ToList();
    }

    /// <summary>Every message on the queue, however many, taken off (hidden for the rest of the test).</summary>
    public static async Task<List<JsonElement>> ReceiveAllJsonAsync(this QueueClient queue)
    {
        var all = new List<JsonElement>();
        for (var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10))).Value; batch.Length > 0; batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10))).Value)
        {
            all.AddRange(batch.Select(m => JsonDocument.Parse(m.Body.ToString()).RootElement.Clone()));
        }

        return all;
    }
}
