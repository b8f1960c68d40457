using System.Text;
using System.Text.Json;
using Hotline.LocalHost.Functions;
using Hotline.LocalHost.Rpc;
using Hotline.LocalHost.Storage;

namespace Hotline.LocalHost.Invocation;

/// <summary>
/// Writes a successful invocation's queue outputs (<c>output_data</c> by binding name, <c>return_value</c> for
/// <c>$return</c>): a string or JSON as one message, a JSON array or a collection as one message per element, bytes
/// as they are; a null value (empty TypedData) writes nothing. Messages are base64-encoded when host.json says so.
/// </summary>
internal sealed class OutputBindingWriter(QueueStorage storage, bool base64)
{
    public async Task WriteAsync(WorkerFunction function, InvocationResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(response);
        foreach (OutputBinding output in function.Outputs.Where(o => o.IsQueue && o.QueueName is not null))
        {
            TypedData? value = output.Name == OutputBinding.ReturnName
                ? response.ReturnValue
                : response.OutputData.FirstOrDefault(d => string.Equals(d.Name, output.Name, StringComparison.OrdinalIgnoreCase))?.Data;
            List<byte[]> messages = Messages(value);
            if (messages.Count == 0)
            {
                continue;
            }

            var queue = await storage.GetCreatedQueueAsync(output.Connection, output.QueueName!, cancellationToken);
            foreach (byte[] message in messages)
            {
                string text = base64 ? Convert.ToBase64String(message) : Encoding.UTF8.GetString(message);
                await queue.SendMessageAsync(text, cancellationToken);
            }
        }
    }

    internal static List<byte[]> Messages(TypedData? value)
    {
        var messages = new List<byte[]>();
        switch (value?.DataCase)
        {
            case TypedData.DataOneofCase.String:
                messages.Add(Encoding.UTF8.GetBytes(value.String));
                break;
            case TypedData.DataOneofCase.Bytes:
                messages.Add(value.Bytes.ToByteArray());
                break;
            case TypedData.DataOneofCase.Json:
                using (JsonDocument document = JsonDocument.Parse(value.Json))
                {
                    if (document.RootElement.ValueKind == JsonValueKind.Array)
                    {
                        messages.AddRange(document.RootElement.EnumerateArray().Select(Element));
                    }
                    else if (document.RootElement.ValueKind != JsonValueKind.Null)
                    {
                        messages.Add(Element(document.RootElement));
                    }
                }

                break;
            case TypedData.DataOneofCase.CollectionString:
                messages.AddRange(value.CollectionString.String.Select(Encoding.UTF8.GetBytes));
                break;
            case TypedData.DataOneofCase.CollectionBytes:
                messages.AddRange(value.CollectionBytes.Bytes.Select(b => b.ToByteArray()));
                break;
            case TypedData.DataOneofCase.Int:
                messages.Add(Encoding.UTF8.GetBytes(value.Int.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                break;
            case TypedData.DataOneofCase.Double:
                messages.Add(Encoding.UTF8.GetBytes(value.Double.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                break;
            default:
                break;
        }

        return messages;
    }

    /// <summary>A string element is the message text itself; anything else is its JSON.</summary>
    private static byte[] Element(JsonElement element) =>
        Encoding.UTF8.GetBytes(element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText());
}
