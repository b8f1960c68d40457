using System.Text;
using Hotline.Storage.Queues;
using Hotline.Testing;

namespace Hotline.Storage.Tests.Queues;

public sealed class QueueClientTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>, IAsyncLifetime
{
    private readonly QueueClient queue = azurite.Account.GetQueueClient(UniqueName.Queue("queue-tests"));

    public Task InitializeAsync() => queue.CreateIfNotExistsAsync();

    public Task DisposeAsync() => queue.DeleteIfExistsAsync();

    [Fact]
    public async Task A_sent_message_is_received_with_its_text()
    {
        SendReceipt sent = await queue.SendMessageAsync("""{"ticketId":"T-1","text":"工资拖欠 <3 & more"}""");

        QueueMessage received = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));

        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal(1, received.DequeueCount);
        Assert.True(received.TryDecodeText(QueueMessageEncoding.Base64, out string text));
        Assert.Equal("""{"ticketId":"T-1","text":"工资拖欠 <3 & more"}""", text);
        Assert.True(received.NextVisibleTime > received.InsertionTime);
    }

    [Fact]
    public async Task Base64_encoding_puts_base64_of_utf8_on_the_wire()
    {
        await queue.SendMessageAsync("héllo 你好");

        PeekedMessage peeked = Assert.Single(await queue.PeekMessagesAsync());

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("héllo 你好")), peeked.RawText);
    }

    [Fact]
    public async Task None_encoding_sends_raw_text_xml_escaped_and_it_round_trips()
    {
        QueueClient raw = azurite.Account.GetQueueClient(queue.Name, QueueMessageEncoding.None);
        const string text = "plain <text> & \"stuff\" 'here'\r\nline two ]]>";

        await raw.SendMessageAsync(text);
        QueueMessage received = Assert.Single(await raw.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));

        Assert.Equal(text, received.RawText);
        Assert.True(received.TryDecodeText(QueueMessageEncoding.None, out string decoded));
        Assert.Equal(text, decoded);
        Assert.False(received.TryDecodeText(QueueMessageEncoding.Base64, out _));
    }

    [Fact]
    public async Task A_received_message_stays_invisible_until_its_timeout()
    {
        await queue.SendMessageAsync("once");

        Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));

        Assert.Empty(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Equal(1, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task Receive_returns_up_to_the_requested_number_of_messages()
    {
        for (int i = 0; i < 5; i++)
        {
            await queue.SendMessageAsync($"m{i}");
        }

        IReadOnlyList<QueueMessage> first = await queue.ReceiveMessagesAsync(3, TimeSpan.FromSeconds(30));
        IReadOnlyList<QueueMessage> rest = await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30));

        Assert.Equal(3, first.Count);
        Assert.Equal(2, rest.Count);
        Assert.Equal(
            ["m0", "m1", "m2", "m3", "m4"],
            first.Concat(rest).Select(m => m.TryDecodeText(QueueMessageEncoding.Base64, out string t) ? t : "?").Order());
    }

    [Fact]
    public async Task Receive_rejects_a_count_outside_1_to_32_before_sending()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(0, TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(33, TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(1, TimeSpan.Zero));
    }

    [Fact]
    public async Task Peek_leaves_the_message_visible()
    {
        await queue.SendMessageAsync("look");

        PeekedMessage peeked = Assert.Single(await queue.PeekMessagesAsync());
        QueueMessage received = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));

        Assert.Equal(peeked.MessageId, received.MessageId);
        Assert.Equal(0, peeked.DequeueCount);
    }

    [Fact]
    public async Task A_visibility_delay_hides_a_new_message()
    {
        await queue.SendMessageAsync("later", visibilityDelay: TimeSpan.FromMinutes(5));

        Assert.Empty(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Equal(1, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task Time_to_live_sets_the_expiration_and_infinite_never_expires()
    {
        SendReceipt hour = await queue.SendMessageAsync("hour", timeToLive: TimeSpan.FromHours(1));
        SendReceipt forever = await queue.SendMessageAsync("forever", timeToLive: Timeout.InfiniteTimeSpan);

        Assert.InRange((hour.ExpirationTime - hour.InsertionTime).TotalSeconds, 3598, 3602);
        Assert.Equal(9999, forever.ExpirationTime.Year);
    }

    [Fact]
    public async Task Update_makes_the_message_visible_again_with_new_text_and_a_new_receipt()
    {
        await queue.SendMessageAsync("before");
        QueueMessage received = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));

        UpdateReceipt updated = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero, "after");
        QueueMessage again = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));

        Assert.NotEqual(received.PopReceipt, updated.PopReceipt);
        Assert.Equal(received.MessageId, again.MessageId);
        Assert.Equal(2, again.DequeueCount);
        Assert.True(again.TryDecodeText(QueueMessageEncoding.Base64, out string text));
        Assert.Equal("after", text);
    }

    [Fact]
    public async Task Update_without_text_only_extends_the_visibility()
    {
        await queue.SendMessageAsync("keep");
        QueueMessage received = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1)));

        UpdateReceipt updated = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.FromMinutes(10));

        Assert.True(updated.NextVisibleTime > received.NextVisibleTime.AddMinutes(5));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Deleting_with_a_stale_pop_receipt_fails_with_precondition_failed()
    {
        await queue.SendMessageAsync("stale");
        QueueMessage received = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));
        UpdateReceipt updated = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(
            () => queue.DeleteMessageAsync(received.MessageId, received.PopReceipt));

        Assert.Equal(400, error.Status);
        Assert.Equal("PopReceiptMismatch", error.ErrorCode);
        Assert.Equal(StorageErrorKind.PreconditionFailed, error.Kind);
        await queue.DeleteMessageAsync(received.MessageId, updated.PopReceipt);
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task Updating_with_a_stale_pop_receipt_fails_with_precondition_failed()
    {
        await queue.SendMessageAsync("stale");
        QueueMessage received = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));
        await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(
            () => queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero));

        Assert.Equal(StorageErrorKind.PreconditionFailed, error.Kind);
    }

    [Fact]
    public async Task Deleting_a_received_message_removes_it()
    {
        await queue.SendMessageAsync("done");
        QueueMessage received = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));

        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);

        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task Deleting_a_message_that_is_gone_fails_with_not_found()
    {
        await queue.SendMessageAsync("gone");
        QueueMessage received = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(
            () => queue.DeleteMessageAsync(received.MessageId, received.PopReceipt));

        Assert.Equal(StorageErrorKind.NotFound, error.Kind);
        Assert.Equal("MessageNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task The_approximate_count_includes_invisible_messages()
    {
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
        await queue.SendMessageAsync("a");
        await queue.SendMessageAsync("b");
        await queue.SendMessageAsync("c");
        await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30));

        Assert.Equal(3, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task A_48_KiB_payload_fits_once_base64_encoded()
    {
        string text = new('x', 48 * 1024);

        await queue.SendMessageAsync(text);

        QueueMessage received = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));
        Assert.True(received.TryDecodeText(QueueMessageEncoding.Base64, out string decoded));
        Assert.Equal(text, decoded);
    }

    [Fact]
    public async Task A_message_over_64_KiB_as_sent_fails_with_too_large_before_sending()
    {
        // 48 KiB + 1 byte is 65540 characters of base64.
        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(
            () => queue.SendMessageAsync(new string('x', (48 * 1024) + 1)));

        Assert.Equal(StorageErrorKind.TooLarge, error.Kind);
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task With_no_encoding_the_limit_is_64_KiB_of_utf8()
    {
        QueueClient raw = azurite.Account.GetQueueClient(queue.Name, QueueMessageEncoding.None);

        await raw.SendMessageAsync(new string('x', 64 * 1024));
        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => raw.SendMessageAsync(new string('中', 21846)));

        Assert.Equal(StorageErrorKind.TooLarge, error.Kind);
        Assert.Equal(1, await raw.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task Creating_an_existing_queue_and_deleting_a_missing_one_are_no_ops()
    {
        QueueClient other = azurite.Account.GetQueueClient(UniqueName.Queue("other"));

        await other.CreateIfNotExistsAsync();
        await other.CreateIfNotExistsAsync();
        await other.DeleteIfExistsAsync();
        await other.DeleteIfExistsAsync();

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => other.GetApproximateMessageCountAsync());
        Assert.Equal(StorageErrorKind.NotFound, error.Kind);
        Assert.Equal("QueueNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task Sending_to_a_missing_queue_fails_with_not_found()
    {
        QueueClient missing = azurite.Account.GetQueueClient(UniqueName.Queue("missing"));

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => missing.SendMessageAsync("x"));

        Assert.Equal(404, error.Status);
        Assert.Equal(StorageErrorKind.NotFound, error.Kind);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper")]
    [InlineData("-lead")]
    [InlineData("trail-")]
    [InlineData("double--hyphen")]
    [InlineData("under_score")]
    public void Invalid_queue_names_are_rejected_up_front(string name)
    {
        Assert.Throws<ArgumentException>(() => azurite.Account.GetQueueClient(name));
    }
}
