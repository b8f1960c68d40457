using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Azure;

namespace Hotline.Storage.Http;

/// <summary>Turns an error response into a typed exception.</summary>
internal static class StorageErrors
{
    public static StorageRequestFailedException FromResponse(Response response, string operation)
    {
        (string? bodyCode, string? bodyMessage) = ParseBody(response);
        string? code = response.Headers.TryGetValue("x-ms-error-code", out string? header) && header.Length > 0 ? header : bodyCode;
        string message = $"{operation} failed: {response.Status} {response.ReasonPhrase}"
            + (code is null ? string.Empty : $" ({code})")
            + (bodyMessage is null ? string.Empty : $": {bodyMessage}");
        return new StorageRequestFailedException(response.Status, code, message);
    }

    /// <summary>
    /// Table errors are JSON ({"odata.error":{"code","message":{"value"}}}); queue errors and every auth error are
    /// XML (&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;).
    /// </summary>
    public static (string? Code, string? Message) ParseBody(Response response)
    {
        BinaryData? content = response.Content;
        if (content is null || content.ToMemory().IsEmpty)
        {
            return (null, null);
        }

        string text = content.ToString().Trim();
        try
        {
            if (text.StartsWith('{'))
            {
                using var json = JsonDocument.Parse(text);
                if (json.RootElement.TryGetProperty("odata.error", out JsonElement error))
                {
                    string? code = error.TryGetProperty("code", out JsonElement c) ? c.GetString() : null;
                    string? message = error.TryGetProperty("message", out JsonElement m)
                        ? m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out JsonElement v) ? v.GetString() : m.ToString()
                        : null;
                    return (NullIfEmpty(code), FirstLine(message));
                }
            }
            else if (text.StartsWith('<'))
            {
                XElement root = XElement.Parse(text);
                return (NullIfEmpty(root.Element("Code")?.Value), FirstLine(root.Element("Message")?.Value));
            }
        }
        catch (Exception e) when (e is JsonException or XmlException)
        {
            // An unreadable error body still leaves the status and x-ms-error-code to report.
        }

        return (null, null);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // Service messages end with "RequestId:…\nTime:…"; the first line is the useful part.
    private static string? FirstLine(string? message) =>
        message is null ? null : message.Split('\n', 2)[0].Trim();
}
