using System.Globalization;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Hotline.Storage.Http;

namespace Hotline.Storage.Queues;

/// <summary>
/// One queue, over the Queue service REST API.
/// https://learn.microsoft.com/rest/api/storageservices/queue-service-rest-api
/// </summary>
public sealed class QueueClient
{
    private static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(7);

    private readonly StoragePipeline pipeline;
    private readonly Uri messagesUri;

    internal QueueClient(string name, QueueMessageEncoding encoding, Uri queueEndpoint, StoragePipeline pipeline)
    {
        ValidateName(name);
        if (!Enum.IsDefined(encoding))
        {
            throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown message encoding.");
        }

        Name = name;
        Encoding = encoding;
        Uri = new Uri(queueEndpoint.AbsoluteUri.TrimEnd('/') + "/" + name);
        messagesUri = new Uri(Uri.AbsoluteUri + "/messages");
        this.pipeline = pipeline;
    }

    public string Name { get; }

    public QueueMessageEncoding Encoding { get; }

    public Uri Uri { get; }

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using HttpMessage message = pipeline.CreateMessage(RequestMethod.Put, Uri, 201, 204, 409);
        Response response = await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);

        // 201 created, 204 already there with the same (no) metadata; 409 only when metadata differs: it exists.
        // https://learn.microsoft.com/rest/api/storageservices/create-queue4#status-code
        if (response.Status is not (201 or 204 or 409))
        {
            throw StorageErrors.FromResponse(response, $"Creating queue '{Name}'");
        }
    }

    public async Task DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using HttpMessage message = pipeline.CreateMessage(RequestMethod.Delete, Uri, 204, 404);
        Response response = await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is not (204 or 404))
        {
            throw StorageErrors.FromResponse(response, $"Deleting queue '{Name}'");
        }
    }

    /// <summary>
    /// Puts a message, encoded per <see cref="Encoding"/>. <paramref name="timeToLive"/> of
    /// <see cref="Timeout.InfiniteTimeSpan"/> means it never expires; the service default is 7 days.
    /// </summary>
    public async Task<SendReceipt> SendMessageAsync(
        string text,
        TimeSpan? visibilityDelay = null,
        TimeSpan? timeToLive = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] body = Body(text);
        using HttpMessage message = pipeline.CreateMessage(RequestMethod.Post, messagesUri, 201);
        if (visibilityDelay is { } delay)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(delay, TimeSpan.Zero, nameof(visibilityDelay)));
        }

        if (timeToLive is { } ttl)
        {
            message.Request.Uri.AppendQuery("messagettl", ttl == Timeout.InfiniteTimeSpan
                ? "-1"
                : Seconds(ttl, TimeSpan.FromSeconds(1), TimeSpan.MaxValue, nameof(timeToLive)));
        }

        SetXmlContent(message, body);
        Response response = await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 201)
        {
            throw StorageErrors.FromResponse(response, $"Sending a message to queue '{Name}'");
        }

        XElement sent = QueueXml.Messages(response).Single();
        return new SendReceipt(
            QueueXml.Text(sent, "MessageId"),
            QueueXml.Text(sent, "PopReceipt"),
            QueueXml.Time(sent, "InsertionTime"),
            QueueXml.Time(sent, "ExpirationTime"),
            QueueXml.Time(sent, "TimeNextVisible"));
    }

    /// <summary>Dequeues up to <paramref name="maxMessages"/> (1–32) messages, hiding them for <paramref name="visibilityTimeout"/>.</summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(
        int maxMessages,
        TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        using HttpMessage message = pipeline.CreateMessage(RequestMethod.Get, messagesUri, 200);
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout, TimeSpan.FromSeconds(1), nameof(visibilityTimeout)));
        Response response = await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrors.FromResponse(response, $"Receiving messages from queue '{Name}'");
        }

        return QueueXml.Messages(response)
            .Select(m => new QueueMessage(
                QueueXml.Text(m, "MessageId"),
                QueueXml.Text(m, "PopReceipt"),
                m.Element("MessageText")?.Value ?? string.Empty,
                QueueXml.Long(m, "DequeueCount"),
                QueueXml.Time(m, "InsertionTime"),
                QueueXml.Time(m, "ExpirationTime"),
                QueueXml.Time(m, "TimeNextVisible")))
            .ToList();
    }

    public async Task<IReadOnlyList<PeekedMessage>> PeekMessagesAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        using HttpMessage message = pipeline.CreateMessage(RequestMethod.Get, messagesUri, 200);
        message.Request.Uri.AppendQuery("peekonly", "true");
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        Response response = await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrors.FromResponse(response, $"Peeking messages in queue '{Name}'");
        }

        return QueueXml.Messages(response)
            .Select(m => new PeekedMessage(
                QueueXml.Text(m, "MessageId"),
                m.Element("MessageText")?.Value ?? string.Empty,
                QueueXml.Long(m, "DequeueCount"),
                QueueXml.Time(m, "InsertionTime"),
                QueueXml.Time(m, "ExpirationTime")))
            .ToList();
    }

    /// <summary>
    /// Changes a dequeued message's visibility (0 = visible now) and optionally its text. The old pop receipt stops
    /// working: a stale one fails with <see cref="StorageErrorKind.PreconditionFailed"/> (400 PopReceiptMismatch).
    /// </summary>
    public async Task<UpdateReceipt> UpdateMessageAsync(
        string messageId,
        string popReceipt,
        TimeSpan visibilityTimeout,
        string? text = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        byte[]? body = text is null ? null : Body(text);
        using HttpMessage message = pipeline.CreateMessage(RequestMethod.Put, MessageUri(messageId), 204);
        // Real pop receipts contain + / =: escaped in the URL, decoded in the string-to-sign.
        message.Request.Uri.AppendQuery("popreceipt", popReceipt, escapeValue: true);
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout, TimeSpan.Zero, nameof(visibilityTimeout)));
        if (body is not null)
        {
            SetXmlContent(message, body);
        }

        Response response = await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 204)
        {
            throw StorageErrors.FromResponse(response, $"Updating message '{messageId}' in queue '{Name}'");
        }

        // https://learn.microsoft.com/rest/api/storageservices/update-message#response-headers
        string newReceipt = response.Headers.TryGetValue("x-ms-popreceipt", out string? receipt)
            ? receipt
            : throw new FormatException("The queue service's answer to an update has no x-ms-popreceipt header.");
        DateTimeOffset nextVisible = response.Headers.TryGetValue("x-ms-time-next-visible", out string? visible)
            ? QueueXml.ParseTime(visible)
            : throw new FormatException("The queue service's answer to an update has no x-ms-time-next-visible header.");
        return new UpdateReceipt(newReceipt, nextVisible);
    }

    /// <summary>Deletes a dequeued message. A stale pop receipt fails (PreconditionFailed); a missing message fails (NotFound).</summary>
    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using HttpMessage message = pipeline.CreateMessage(RequestMethod.Delete, MessageUri(messageId), 204);
        message.Request.Uri.AppendQuery("popreceipt", popReceipt, escapeValue: true);
        Response response = await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 204)
        {
            throw StorageErrors.FromResponse(response, $"Deleting message '{messageId}' from queue '{Name}'");
        }
    }

    /// <summary>The approximate number of messages, invisible and delayed ones included.</summary>
    public async Task<int> GetApproximateMessageCountAsync(CancellationToken cancellationToken = default)
    {
        using HttpMessage message = pipeline.CreateMessage(RequestMethod.Get, Uri, 200);
        message.Request.Uri.AppendQuery("comp", "metadata");
        Response response = await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrors.FromResponse(response, $"Reading the message count of queue '{Name}'");
        }

        return response.Headers.TryGetValue("x-ms-approximate-messages-count", out string? count)
            ? int.Parse(count, CultureInfo.InvariantCulture)
            : throw new FormatException("The queue service's answer has no x-ms-approximate-messages-count header.");
    }

    /// <summary>
    /// Queue names: 3–63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.
    /// https://learn.microsoft.com/rest/api/storageservices/naming-queues-and-metadata#queue-names
    /// </summary>
    internal static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        bool valid = name.Length is >= 3 and <= 63
            && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            && name[0] != '-' && name[^1] != '-'
            && !name.Contains("--", StringComparison.Ordinal);
        if (!valid)
        {
            throw new ArgumentException(
                $"'{name}' is not a valid queue name: use 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.",
                nameof(name));
        }
    }

    private static void SetXmlContent(HttpMessage message, byte[] body)
    {
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/xml; charset=utf-8");
        message.Request.Content = RequestContent.Create(body);
    }

    private static string Seconds(TimeSpan value, TimeSpan min, string name) => Seconds(value, min, MaxVisibility, name);

    private static string Seconds(TimeSpan value, TimeSpan min, TimeSpan max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Must be between {min} and {max}.");
        }

        return ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
    }

    private Uri MessageUri(string messageId) => new(messagesUri.AbsoluteUri + "/" + Uri.EscapeDataString(messageId));

    private byte[] Body(string text)
    {
        string messageText = QueueMessageText.Encode(text, Encoding);
        int bytes = System.Text.Encoding.UTF8.GetByteCount(messageText);
        if (bytes > QueueMessageText.MaxBytes)
        {
            string room = Encoding == QueueMessageEncoding.Base64 ? " (48 KiB before base64)" : string.Empty;
            throw new StorageRequestFailedException(
                413,
                "RequestBodyTooLarge",
                $"The message for queue '{Name}' is {bytes} bytes as sent; the limit is {QueueMessageText.MaxBytes}{room}. It was not sent.");
        }

        return QueueXml.MessageBody(messageText);
    }
}
