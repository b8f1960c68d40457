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
}
