namespace Hotline.Storage.Queues;

/// <summary>A dequeued message; <see cref="PopReceipt"/> is needed to delete or update it.</summary>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    string RawText,
    long DequeueCount,
    DateTimeOffset InsertionTime,
    DateTimeOffset ExpirationTime,
    DateTimeOffset NextVisibleTime)
{
    /// <summary>Decodes <see cref="RawText"/>; false when it is not valid in that encoding (base64 of UTF-8).</summary>
    public bool TryDecodeText(QueueMessageEncoding encoding, out string text) =>
        QueueMessageText.TryDecode(RawText, encoding, out text);
}
