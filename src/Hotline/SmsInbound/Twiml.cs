using System.Xml.Linq;

namespace Hotline.SmsInbound;

/// <summary>
/// TwiML answers to the inbound webhook (https://www.twilio.com/docs/messaging/twiml): one &lt;Message&gt; with the
/// reply, or an empty &lt;Response/&gt; for no reply. XElement does the escaping.
/// </summary>
public static class Twiml
{
    public const string ContentType = "text/xml; charset=utf-8";

    private const string Declaration = """<?xml version="1.0" encoding="UTF-8"?>""";

    public static string Empty { get; } = Declaration + new XElement("Response").ToString(SaveOptions.DisableFormatting);

    public static string Message(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Declaration + new XElement("Response", new XElement("Message", body)).ToString(SaveOptions.DisableFormatting);
    }
}
