using System.Text;
using System.Text.Json;
using Hotline.LocalHost.Configuration;
using Azure.Storage.Queues;
using Hotline.LocalHost.Storage;

namespace Hotline.LocalHost.Invocation;

/// <summary>
/// Writes a function's queue output bindings from the handler's <c>Outputs.&lt;name&gt;</c> (or <c>ReturnValue</c> for
/// <c>$return</c>): a string is one message, an object its JSON text, an array one message per element.
/// https://learn.microsoft.com/azure/azure-functions/functions-custom-handlers#response-payload
/// </summary>
internal sealed class OutputBindingWriter
{
    private readonly StorageAccounts storage;
    private readonly QueueMessageEncoding encoding;

    public OutputBindingWriter(StorageAccounts storage, QueueMessageEncoding encoding)
    {
        this.storage = storage;
        this.encoding = encoding;
    }

    public async Task WriteAsync(FunctionDefinition function, InvocationResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(result);
        foreach (OutputBinding binding in function.Outputs.Where(b => b.IsQueue))
        {
            JsonElement? value = binding.Name == "$return"
                ? result.ReturnValue
                : result.Outputs.TryGetValue(binding.Name, out JsonElement output) ? output : null;
            if (value is not { } element || element.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            IEnumerable<JsonElement> items = element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : [element];
            foreach (JsonElement item in items)
            {
                (string text, QueueMessageEncoding wire) = MessageText(item);
                QueueClient queue = storage.GetQueue(binding.Connection, binding.QueueName!, wire);

                // The host's queue output binding creates the queue on first use.
                await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                await queue.SendMessageAsync(text, cancellationToken: cancellationToken);
            }
        }
    }

    /// <summary>
    /// The host tries <c>Convert.FromBase64String</c> on every string output; a string that happens to be valid
    /// base64 becomes those bytes (so "test" is not enqueued as "test"). Reproduced here so the surprise shows up locally.
    /// https://github.com/Azure/azure-functions-host/blob/dev/src/WebJobs.Script/Workers/Http/HttpScriptInvocationResultExtensions.cs (GetBindingValue)
    /// </summary>
    private (string Text, QueueMessageEncoding Wire) MessageText(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.String)
        {
            return (item.GetRawText(), encoding);
        }

        string text = item.GetString() ?? string.Empty;
        byte[] buffer = new byte[text.Length];
        if (text.Length > 0 && Convert.TryFromBase64String(text, buffer, out int written))
        {
            // Bytes go on the wire as base64 (the string itself) or, without encoding, as their UTF-8 text.
            return encoding == QueueMessageEncoding.Base64
                ? (Convert.ToBase64String(buffer, 0, written), QueueMessageEncoding.None)
                : (Encoding.UTF8.GetString(buffer, 0, written), QueueMessageEncoding.None);
        }

        return (text, encoding);
    }
}
