using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Xml;

namespace Hotline.Open311;

/// <summary>
/// Writes each of the standard's documents in JSON (the source-generated <see cref="Open311JsonContext"/>) or in its
/// XML: no namespace, element names as in the standard, UTF-8 with the declaration saying so. A null is an empty
/// element, the XML the standard's JSON null (Spark convention) maps back to.
/// </summary>
public static class Open311Answers
{
    private static readonly XmlWriterSettings XmlSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        OmitXmlDeclaration = false,
    };

    public static Open311Response Errors(int statusCode, Open311Format format, params Open311Error[] errors) =>
        Write(statusCode, format, (IReadOnlyList<Open311Error>)errors, Open311JsonContext.Default.IReadOnlyListOpen311Error, xml =>
        {
            xml.WriteStartElement("errors");
            foreach (var error in errors)
            {
                xml.WriteStartElement("error");
                Element(xml, "code", error.Code);
                Element(xml, "description", error.Description);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });

    public static Open311Response Error(int statusCode, Open311Format format, string description) =>
        Errors(statusCode, format, new Open311Error(statusCode, description));

    public static Open311Response Services(Open311Format format, IReadOnlyList<Open311Service> services) =>
        Write(StatusCodes.Status200OK, format, services, Open311JsonContext.Default.IReadOnlyListOpen311Service, xml =>
        {
            xml.WriteStartElement("services");
            foreach (var service in services)
            {
                xml.WriteStartElement("service");
                Element(xml, "service_code", service.ServiceCode);
                Element(xml, "service_name", service.ServiceName);
                Element(xml, "metadata", service.Metadata);
                Element(xml, "type", service.Type);
                Element(xml, "group", service.Group);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });

    public static Open311Response ServiceDefinition(Open311Format format, Open311ServiceDefinition definition) =>
        Write(StatusCodes.Status200OK, format, definition, Open311JsonContext.Default.Open311ServiceDefinition, xml =>
        {
            xml.WriteStartElement("service_definition");
            Element(xml, "service_code", definition.ServiceCode);
            xml.WriteStartElement("attributes");
            xml.WriteEndElement();
            xml.WriteEndElement();
        });

    public static Open311Response Created(Open311Format format, Open311CreatedRequest created) =>
        Write(StatusCodes.Status200OK, format, (IReadOnlyList<Open311CreatedRequest>)[created], Open311JsonContext.Default.IReadOnlyListOpen311CreatedRequest, xml =>
        {
            xml.WriteStartElement("service_requests");
            xml.WriteStartElement("request");
            Element(xml, "service_request_id", created.ServiceRequestId);
            Element(xml, "service_notice", created.ServiceNotice);
            xml.WriteEndElement();
            xml.WriteEndElement();
        });

    public static Open311Response Requests(Open311Format format, IReadOnlyList<Open311ServiceRequest> requests) =>
        Write(StatusCodes.Status200OK, format, requests, Open311JsonContext.Default.IReadOnlyListOpen311ServiceRequest, xml =>
        {
            xml.WriteStartElement("service_requests");
            foreach (var r in requests)
            {
                xml.WriteStartElement("request");
                Element(xml, "service_request_id", r.ServiceRequestId);
                Element(xml, "status", r.Status);
                Element(xml, "status_notes", r.StatusNotes);
                Element(xml, "service_name", r.ServiceName);
                Element(xml, "service_code", r.ServiceCode);
                Element(xml, "description", r.Description);
                Element(xml, "agency_responsible", r.AgencyResponsible);
                Element(xml, "requested_datetime", r.RequestedDatetime);
                Element(xml, "updated_datetime", r.UpdatedDatetime);
                Element(xml, "expected_datetime", r.ExpectedDatetime);
                Element(xml, "address_id", r.AddressId);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });

    public static Open311Response Discovery(Open311Format format, Open311Discovery discovery) =>
        Write(StatusCodes.Status200OK, format, discovery, Open311JsonContext.Default.Open311Discovery, xml =>
        {
            xml.WriteStartElement("discovery");
            Element(xml, "changeset", discovery.Changeset);
            Element(xml, "contact", discovery.Contact);
            Element(xml, "key_service", discovery.KeyService);
            xml.WriteStartElement("endpoints");
            foreach (var endpoint in discovery.Endpoints)
            {
                xml.WriteStartElement("endpoint");
                Element(xml, "specification", endpoint.Specification);
                Element(xml, "url", endpoint.Url);
                Element(xml, "changeset", endpoint.Changeset);
                Element(xml, "type", endpoint.Type);
                xml.WriteStartElement("formats");
                foreach (var media in endpoint.Formats)
                {
                    Element(xml, "format", media);
                }

                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        });

    private static Open311Response Write<T>(int statusCode, Open311Format format, T value, JsonTypeInfo<T> json, Action<XmlWriter> xml)
    {
        if (format == Open311Format.Json)
        {
            return new Open311Response(statusCode, format, JsonSerializer.SerializeToUtf8Bytes(value, json));
        }

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, XmlSettings))
        {
            writer.WriteStartDocument();
            xml(writer);
            writer.WriteEndDocument();
        }

        return new Open311Response(statusCode, format, buffer.ToArray());
    }

    private static void Element(XmlWriter xml, string name, string? value)
    {
        xml.WriteStartElement(name);
        if (value is not null)
        {
            xml.WriteString(value);
        }

        xml.WriteEndElement();
    }

    private static void Element(XmlWriter xml, string name, int value) => Element(xml, name, value.ToString(CultureInfo.InvariantCulture));

    private static void Element(XmlWriter xml, string name, bool value) => Element(xml, name, value ? "true" : "false");
}
