using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hotline.Storage.Tables;

/// <summary>
/// Entity bodies in the Table service's JSON format.
/// Writing annotates every type that plain JSON cannot carry exactly; reading uses annotations when present and
/// otherwise the raw JSON text (2.0 is a Double, 2 an Int32), because Azurite and the service only annotate
/// Int64, DateTime, Guid, Binary and non-finite Doubles under minimalmetadata.
/// https://learn.microsoft.com/rest/api/storageservices/payload-format-for-table-service-operations
/// </summary>
internal static class EntityJson
{
    private const string TypeSuffix = "@odata.type";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Not HTML: CJK text stays 3 UTF-8 bytes instead of a 6-byte \u escape, which counts toward the 4 MiB batch.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>UTC, 7 fractional digits, Z: the service stores other offsets verbatim, which breaks comparisons.</summary>
    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static byte[] Write(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", entity.PartitionKey);
            writer.WriteString("RowKey", entity.RowKey);
            foreach ((string name, object? value) in entity)
            {
                WriteProperty(writer, name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] WriteTableName(string tableName)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("TableName", tableName);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static TableEntity Read(JsonElement json, string? etagHeader)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty property in json.EnumerateObject())
        {
            if (property.Name.EndsWith(TypeSuffix, StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String)
            {
                types[property.Name[..^TypeSuffix.Length]] = property.Value.GetString()!;
            }
        }

        var entity = new TableEntity();
        foreach (JsonProperty property in json.EnumerateObject())
        {
            string name = property.Name;
            switch (name)
            {
                case "PartitionKey":
                    entity.PartitionKey = property.Value.GetString() ?? string.Empty;
                    break;
                case "RowKey":
                    entity.RowKey = property.Value.GetString() ?? string.Empty;
                    break;
                case "Timestamp":
                    // Never annotated under minimalmetadata, but always a DateTime.
                    entity.Timestamp = ParseDateTime(property.Value.GetString()!);
                    break;
                case "odata.etag":
                    entity.ETag = new ETag(property.Value.GetString()!);
                    break;
                default:
                    if (!name.StartsWith("odata.", StringComparison.Ordinal) && !name.EndsWith(TypeSuffix, StringComparison.Ordinal))
                    {
                        entity.SetRaw(name, ReadValue(property.Value, types.GetValueOrDefault(name)));
                    }

                    break;
            }
        }

        if (etagHeader is not null)
        {
            entity.ETag = new ETag(etagHeader);
        }

        return entity;
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null:
                // Not stored: a merge leaves the property alone, a replace removes it.
                return;
            case string s:
                writer.WriteString(name, s);
                return;
            case bool b:
                writer.WriteBoolean(name, b);
                return;
            case int i:
                writer.WriteNumber(name, i);
                return;
            case long l:
                // A JSON number would lose precision above 2^53; the service wants the string form.
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                writer.WriteString(name + TypeSuffix, "Edm.Int64");
                return;
            case double d:
                // Always annotated: 2.0 is written as 2 and would otherwise be stored as Int32.
                if (double.IsFinite(d))
                {
                    writer.WriteNumber(name, d);
                }
                else
                {
                    writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }

                writer.WriteString(name + TypeSuffix, "Edm.Double");
                return;
            case DateTimeOffset t:
                writer.WriteString(name, FormatDateTime(t));
                writer.WriteString(name + TypeSuffix, "Edm.DateTime");
                return;
            case Guid g:
                writer.WriteString(name, g.ToString("D"));
                writer.WriteString(name + TypeSuffix, "Edm.Guid");
                return;
            case byte[] bytes:
                writer.WriteString(name, Convert.ToBase64String(bytes));
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                return;
            default:
                throw new ArgumentException($"Property '{name}' has unsupported type {value.GetType().Name}.");
        }
    }

    private static object? ReadValue(JsonElement value, string? edmType)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        switch (edmType)
        {
            case "Edm.Int64":
                return value.ValueKind == JsonValueKind.String
                    ? long.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                    : value.GetInt64();
            case "Edm.Double":
                return value.ValueKind == JsonValueKind.String ? ParseDouble(value.GetString()!) : value.GetDouble();
            case "Edm.DateTime":
                return ParseDateTime(value.GetString()!);
            case "Edm.Guid":
                return Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture);
            case "Edm.Binary":
                return Convert.FromBase64String(value.GetString()!);
            case "Edm.Int32":
                return value.GetInt32();
            case "Edm.Boolean":
                return value.GetBoolean();
            case "Edm.String":
                return value.GetString();
            default:
                break;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => ReadNumber(value),
            _ => throw new FormatException($"Unexpected JSON {value.ValueKind} in an entity."),
        };
    }

    /// <summary>Unannotated numbers: a point or exponent in the raw text means Double, else Int32.</summary>
    private static object ReadNumber(JsonElement value)
    {
        string raw = value.GetRawText();
        if (raw.AsSpan().IndexOfAny(".eE") >= 0)
        {
            return value.GetDouble();
        }

        // Not Int32-sized: someone wrote an Int64 without its annotation. Keep it exact rather than overflow.
        // (Boxed one by one: a ?: chain would promote them all to double.)
        if (value.TryGetInt32(out int i))
        {
            return i;
        }

        return value.TryGetInt64(out long l) ? (object)l : value.GetDouble();
    }

    private static double ParseDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static DateTimeOffset ParseDateTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
