namespace Hotline.Storage.Queues;

/// <summary>A message seen without dequeuing it: no pop receipt, its visibility unchanged.</summary>
public sealed record PeekedMessage(
    string MessageId,
    string RawText,
    long DequeueCount,
    DateTimeOffset InsertionTime,
    DateTimeOffset ExpirationTime)
{
    public bool TryDecodeText(QueueMessageEncoding encoding, out string text) =>
        QueueMessageText.TryDecode(RawText, encoding, out text);
}
