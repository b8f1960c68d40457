using System.Text.Json;

namespace Hotline.Sms.Twilio;

/// <summary>
/// Twilio's REST error body: {"code": 21211, "message": "…", "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}
/// (https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions).
/// </summary>
internal sealed record TwilioError(string? Code, string? Message, string? MoreInfo)
{
    public static TwilioError Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new TwilioError(null, null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new TwilioError(null, null, null);
            }

            return new TwilioError(ReadScalar(root, "code"), ReadScalar(root, "message"), ReadScalar(root, "more_info"));
        }
        catch (JsonException)
        {
            // A proxy or load balancer in front of Twilio can answer with HTML.
            return new TwilioError(null, null, null);
        }
    }

    internal static string? ReadScalar(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
