namespace Hotline.Storage.Queues;

/// <summary>How message text travels in the queue's MessageText element.</summary>
public enum QueueMessageEncoding
{
    /// <summary>Base64 of the UTF-8 bytes: what the Functions queue trigger expects by default (host.json messageEncoding).</summary>
    Base64,

    /// <summary>The text as-is (XML-escaped on the wire): what the JS and .NET v12 SDKs send by default.</summary>
    None,
}
