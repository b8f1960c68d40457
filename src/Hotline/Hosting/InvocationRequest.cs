using System.Text.Json;

namespace Hotline.Hosting;

/// <summary>
/// The custom-handler invocation envelope the Functions host POSTs to <c>/{FunctionName}</c> for queue and timer
/// triggers: <c>{"Data":{binding:value},"Metadata":{...}}</c>.
/// </summary>
/// <remarks>
/// The host serialises scalar binding values with <c>JsonConvert.SerializeObject</c>, so a queue message arrives as a
/// JSON string that itself holds JSON text, and metadata such as <c>DequeueCount</c> may arrive as strings.
/// Every accessor here accepts both shapes.
/// https://learn.microsoft.com/azure/azure-functions/functions-custom-handlers#request-payload
/// </remarks>
public sealed class InvocationRequest
{
    private readonly JsonElement _data;
    private readonly JsonElement _metadata;

    private InvocationRequest(JsonElement data, JsonElement metadata)
    {
        _data = data;
        _metadata = metadata;
    }

    public static bool TryParse(ReadOnlySpan<byte> json, out InvocationRequest? request)
    {
        request = null;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var data = FindProperty(root, "Data") is { ValueKind: JsonValueKind.Object } d ? d.Clone() : default;
            var metadata = FindProperty(root, "Metadata") is { ValueKind: JsonValueKind.Object } m ? m.Clone() : default;
            request = new InvocationRequest(data, metadata);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The text of a binding value, unwrapped from however many JSON string layers the host added.</summary>
    public string? GetText(string bindingName)
    {
        var value = FindProperty(_data, bindingName);
        return value is null ? null : Unwrap(value.Value);
    }

    /// <summary>A metadata value as text (strings unwrapped, numbers as written).</summary>
    public string? GetMetadata(string name)
    {
        var value = FindProperty(_metadata, name);
        return value is null ? null : Unwrap(value.Value);
    }

    public long GetDequeueCount() =>
        long.TryParse(GetMetadata("DequeueCount"), out var count) ? count : 1;

    private static string? Unwrap(JsonElement value)
    {
        // Peel string layers: "\"{\\\"a\\\":1}\"" -> "{\"a\":1}". Stop when the text is not itself a JSON string.
        var current = value;
        for (var depth = 0; depth < 4; depth++)
        {
            switch (current.ValueKind)
            {
                case JsonValueKind.Null or JsonValueKind.Undefined:
                    return null;
                case JsonValueKind.String:
                    var text = current.GetString()!;
                    if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
                    {
                        return text;
                    }

                    try
                    {
                        using var inner = JsonDocument.Parse(text);
                        current = inner.RootElement.Clone();
                    }
                    catch (JsonException)
                    {
                        return text;
                    }

                    break;
                default:
                    return current.GetRawText();
            }
        }

        return current.ValueKind == JsonValueKind.String ? current.GetString() : current.GetRawText();
    }

    private static JsonElement? FindProperty(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
