using System.Text;
using System.Text.Json;
using Hotline.Storage.Queues;
using Hotline.Testing;

namespace Hotline.Storage.Tests.CrossCheck;

/// <summary>Messages between our client and the official JS SDK, in both directions and both encodings.</summary>
public sealed class QueueCrossCheckTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IAsyncLifetime
{
    private const string Text = """{"ticketId":"T-1","text":"工资拖欠 <3 & \"more\" 😀"}""";

    private readonly QueueClient queue = azurite.Account.GetQueueClient(UniqueName.Queue("cross"));

    public Task InitializeAsync() => queue.CreateIfNotExistsAsync();

    public Task DisposeAsync() => queue.DeleteIfExistsAsync();

    [Fact]
    public async Task Our_base64_message_decoded_by_the_js_sdk_equals_the_text()
    {
        await queue.SendMessageAsync(Text);

        JsonElement message = Assert.Single((await NodeScript.RunAsync("queues.mjs", "receive", azurite.ConnectionString, queue.Name)).GetProperty("messages").EnumerateArray());

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(Text)), message.GetProperty("messageText").GetString());
        Assert.Equal(Text, message.GetProperty("decoded").GetString());
    }

    [Fact]
    public async Task Our_raw_message_reaches_the_js_sdk_unchanged()
    {
        await azurite.Account.GetQueueClient(queue.Name, QueueMessageEncoding.None).SendMessageAsync(Text);

        JsonElement message = Assert.Single((await NodeScript.RunAsync("queues.mjs", "receive", azurite.ConnectionString, queue.Name)).GetProperty("messages").EnumerateArray());

        Assert.Equal(Text, message.GetProperty("messageText").GetString());
    }

    [Fact]
    public async Task A_js_sent_base64_message_is_decoded_by_our_client()
    {
        await NodeScript.RunAsync("queues.mjs", "send", azurite.ConnectionString, queue.Name, "base64", Convert.ToBase64String(Encoding.UTF8.GetBytes(Text)));

        QueueMessage message = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));

        Assert.True(message.TryDecodeText(QueueMessageEncoding.Base64, out string text));
        Assert.Equal(Text, text);
    }

    [Fact]
    public async Task A_js_sent_raw_message_is_not_valid_base64_for_our_client()
    {
        await NodeScript.RunAsync("queues.mjs", "send", azurite.ConnectionString, queue.Name, "raw", Convert.ToBase64String(Encoding.UTF8.GetBytes(Text)));

        QueueMessage message = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));

        Assert.False(message.TryDecodeText(QueueMessageEncoding.Base64, out _));
        Assert.True(message.TryDecodeText(QueueMessageEncoding.None, out string text));
        Assert.Equal(Text, text);
    }
}
