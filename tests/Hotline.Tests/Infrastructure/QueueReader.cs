using System.Text.Json;
using Hotline.Storage.Queues;

namespace Hotline.Tests.Infrastructure;

public static class QueueReader
{
    /// <summary>Every message on the queue, decoded, without taking them off.</summary>
    public static async Task<List<JsonElement>> PeekJsonAsync(this QueueClient queue)
    {
        var messages = await queue.PeekMessagesAsync(32);
        return messages.Select(m =>
        {
            Assert.True(m.TryDecodeText(QueueMessageEncoding.Base64, out var text));
            return JsonDocument.Parse(text).RootElement.Clone();
        }).ToList();
    }

    /// <summary>Every message on the queue, however many, taken off (hidden for the rest of the test).</summary>
    public static async Task<List<JsonElement>> ReceiveAllJsonAsync(this QueueClient queue)
    {
        var all = new List<JsonElement>();
        for (var batch = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10)); batch.Count > 0; batch = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10)))
        {
            all.AddRange(batch.Select(m =>
            {
                Assert.True(m.TryDecodeText(QueueMessageEncoding.Base64, out var text));
                return JsonDocument.Parse(text).RootElement.Clone();
            }));
        }

        return all;
    }
}
