using System.Net.Http.Headers;
using System.Text.Json;

namespace Hotline.LocalHost.Invocation;

/// <summary>
/// The handler's answer to an envelope: <c>{"Outputs":{...},"Logs":[...],"ReturnValue":...}</c>, read
/// case-insensitively like the host's Newtonsoft formatter does.
/// https://learn.microsoft.com/azure/azure-functions/functions-custom-handlers#response-payload
/// </summary>
internal sealed record InvocationResult(
    IReadOnlyList<string> Logs,
    IReadOnlyDictionary<string, JsonElement> Outputs,
    JsonElement? ReturnValue)
{
    /// <summary>
    /// The host reads the body with a JSON media-type formatter (application/json, text/json) and completes the
    /// invocation only for a non-null body; anything else is a failed invocation here.
    /// </summary>
    public static bool TryParse(MediaTypeHeaderValue? contentType, string body, out InvocationResult? result, out string? error)
    {
        ArgumentNullException.ThrowIfNull(body);
        result = null;
        string mediaType = contentType?.MediaType ?? string.Empty;
        if (!mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) &&
            !mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase) &&
            !mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            error = $"the response must be application/json, not '{(mediaType.Length == 0 ? "(none)" : mediaType)}'";
            return false;
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            error = "the response body is empty; the Functions host never completes such an invocation (answer {} at least)";
            return false;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                error = "the response body is null; the Functions host never completes such an invocation (answer {} at least)";
                return false;
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                error = $"the response must be a JSON object, not {root.ValueKind}";
                return false;
            }

            var logs = new List<string>();
            var outputs = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
            JsonElement? returnValue = null;
            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (property.Name.Equals("Logs", StringComparison.OrdinalIgnoreCase))
                {
                    if (property.Value.ValueKind == JsonValueKind.Array)
                    {
                        logs.AddRange(property.Value.EnumerateArray().Select(item =>
                            item.ValueKind == JsonValueKind.String ? item.GetString() ?? string.Empty : item.GetRawText()));
                    }
                }
                else if (property.Name.Equals("Outputs", StringComparison.OrdinalIgnoreCase))
                {
                    if (property.Value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (JsonProperty output in property.Value.EnumerateObject())
                        {
                            outputs[output.Name] = output.Value.Clone();
                        }
                    }
                }
                else if (property.Name.Equals("ReturnValue", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
                {
                    returnValue = property.Value.Clone();
                }
            }

            result = new InvocationResult(logs, outputs, returnValue);
            error = null;
            return true;
        }
        catch (JsonException exception)
        {
            error = "the response is not valid JSON: " + exception.Message;
            return false;
        }
    }
}
