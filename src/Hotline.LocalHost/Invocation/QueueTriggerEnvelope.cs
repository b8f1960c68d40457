using System.Text.Json;
using Azure.Storage.Queues.Models;

namespace Hotline.LocalHost.Invocation;

/// <summary>
/// The envelope of a queueTrigger invocation: <c>Data.&lt;name&gt;</c> is the message text JSON-serialized again, and
/// the metadata are the queue trigger's binding data (DequeueCount, ExpirationTime, Id, InsertionTime,
/// NextVisibleTime, PopReceipt) encoded like every other value.
/// https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger#message-metadata
/// </summary>
internal static class QueueTriggerEnvelope
{
    public static byte[] Create(string functionName, string bindingName, string messageText, QueueMessage message, DateTimeOffset utcNow, Guid randGuid)
    {
        ArgumentNullException.ThrowIfNull(message);
        return InvocationEnvelope.Write(
            functionName,
            utcNow,
            randGuid,
            data => InvocationEnvelope.WriteSerializedString(data, bindingName, messageText),
            metadata =>
            {
                InvocationEnvelope.WriteSerializedNumber(metadata, "DequeueCount", message.DequeueCount);
                InvocationEnvelope.WriteDate(metadata, "ExpirationTime", message.ExpiresOn.GetValueOrDefault());
                InvocationEnvelope.WriteSerializedString(metadata, "Id", message.MessageId);
                InvocationEnvelope.WriteDate(metadata, "InsertionTime", message.InsertedOn.GetValueOrDefault());
                InvocationEnvelope.WriteDate(metadata, "NextVisibleTime", message.NextVisibleOn.GetValueOrDefault());
                InvocationEnvelope.WriteSerializedString(metadata, "PopReceipt", message.PopReceipt);
            });
    }

    /// <summary>
    /// An invocation through the admin API: the input becomes the message text of a message that was never in a
    /// queue, so only its dequeue count (0) is known.
    /// </summary>
    public static byte[] CreateManual(string functionName, string bindingName, string input, DateTimeOffset utcNow, Guid randGuid) =>
        InvocationEnvelope.Write(
            functionName,
            utcNow,
            randGuid,
            data => InvocationEnvelope.WriteSerializedString(data, bindingName, input),
            metadata => InvocationEnvelope.WriteSerializedNumber(metadata, "DequeueCount", 0));

    /// <summary>Reads a value written by <see cref="InvocationEnvelope.WriteSerializedString"/> back (for logs and tests).</summary>
    public static string? Unwrap(string serialized) => JsonSerializer.Deserialize<string>(serialized);
}
