using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Azure;

namespace Hotline.Storage.Queues;

/// <summary>The XML bodies of the Queue service.</summary>
internal static class QueueXml
{
    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        // A raw CR would be normalized away by the server's XML parser; as &#xD; it survives.
        NewLineHandling = NewLineHandling.Entitize,
    };

    /// <summary>&lt;QueueMessage&gt;&lt;MessageText&gt;…&lt;/MessageText&gt;&lt;/QueueMessage&gt;, XML-escaped.</summary>
    public static byte[] MessageBody(string messageText)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, WriterSettings))
        {
            writer.WriteStartElement("QueueMessage");
            try
            {
                writer.WriteElementString("MessageText", messageText);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException("The message text has characters that XML cannot carry; send it with Base64 encoding.", e);
            }

            writer.WriteEndElement();
        }

        return stream.ToArray();
    }

    public static IEnumerable<XElement> Messages(Response response)
    {
        XDocument document = XDocument.Load(response.Content.ToStream());
        return document.Root?.Elements("QueueMessage") ?? [];
    }

    public static string Text(XElement message, string name) =>
        message.Element(name)?.Value ?? throw new FormatException($"The queue service's answer has no {name}.");

    public static DateTimeOffset Time(XElement message, string name) => ParseTime(Text(message, name));

    public static long Long(XElement message, string name) => long.Parse(Text(message, name), CultureInfo.InvariantCulture);

    /// <summary>Queue times are RFC 1123 ("Fri, 31 Dec 9999 23:59:59 GMT").</summary>
    public static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
