using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hotline.LocalHost.Invocation;

/// <summary>
/// Writes the JSON the host POSTs to <c>/{FunctionName}</c> for non-HTTP triggers:
/// <c>{"Data":{...},"Metadata":{...,"sys":{"MethodName","UtcNow","RandGuid"}}}</c>.
/// Values follow the host's GetHttpScriptInvocationContextValue: strings and numbers are JSON-serialized again (a
/// JSON text inside a JSON string), dates stay dates, objects stay objects.
/// https://github.com/Azure/azure-functions-host/blob/dev/src/WebJobs.Script/Workers/MessageExtensions/ScriptInvocationContextExtensions.cs
/// </summary>
internal static class InvocationEnvelope
{
    /// <summary>Newtonsoft (the host's serializer) leaves non-ASCII text unescaped; so do we.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions InnerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(string functionName, DateTimeOffset utcNow, Guid randGuid, Action<Utf8JsonWriter> writeData, Action<Utf8JsonWriter> writeMetadata)
    {
        ArgumentNullException.ThrowIfNull(writeData);
        ArgumentNullException.ThrowIfNull(writeMetadata);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("Data");
            writeData(writer);
            writer.WriteEndObject();
            writer.WriteStartObject("Metadata");
            writeMetadata(writer);
            writer.WriteStartObject("sys");
            writer.WriteString("MethodName", functionName);
            writer.WriteString("UtcNow", utcNow.UtcDateTime);
            writer.WriteString("RandGuid", randGuid);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A string value the way the host sends it: <c>JsonConvert.SerializeObject(value)</c>, i.e. quoted and escaped.</summary>
    public static void WriteSerializedString(Utf8JsonWriter writer, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString(name, JsonSerializer.Serialize(value, InnerOptions));
    }

    /// <summary>A number the way the host sends it: its JSON text as a string (<c>"1"</c>).</summary>
    public static void WriteSerializedNumber(Utf8JsonWriter writer, string name, long value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A date the way the host sends it: re-parsed from its string form (so whole seconds) and written by Newtonsoft
    /// as ISO 8601 with the offset, e.g. <c>2019-10-09T17:58:31+00:00</c>.
    /// </summary>
    public static void WriteDate(Utf8JsonWriter writer, string name, DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString(name, FormatDate(value));
    }

    public static string FormatDate(DateTimeOffset value)
    {
        DateTimeOffset seconds = new DateTimeOffset(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset).ToUniversalTime();
        return seconds.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'sszzz", CultureInfo.InvariantCulture);
    }
}
