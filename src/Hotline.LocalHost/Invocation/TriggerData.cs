using System.Globalization;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Hotline.LocalHost.Functions;
using Hotline.LocalHost.Rpc;

namespace Hotline.LocalHost.Invocation;

/// <summary>
/// The InvocationRequest payloads the Functions host sends, as in its ScriptInvocationContextExtensions and
/// GrpcMessageConversionExtensions: strings as string, numbers and dates as JSON (Newtonsoft's ISO dates),
/// SDK-bound queue messages as model_binding_data, HTTP as an empty RpcHttp (the request itself is proxied).
/// </summary>
internal static class TriggerData
{
    /// <summary>The queue message a trigger binds, already decoded.</summary>
    public sealed record QueueMessageData(string Id, string PopReceipt, byte[] Body, long DequeueCount, DateTimeOffset InsertionTime, DateTimeOffset ExpirationTime, DateTimeOffset NextVisibleTime);

    public static InvocationRequest Queue(WorkerFunction function, string invocationId, QueueMessageData message)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(message);
        string text = Encoding.UTF8.GetString(message.Body);
        TypedData input;
        if (function.DeferredBinding)
        {
            // What the Storage Queues worker extension's QueueMessageConverter reads (source and content type are checked).
            string content = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["MessageId"] = message.Id,
                ["PopReceipt"] = message.PopReceipt,
                ["MessageText"] = text,
                ["DequeueCount"] = message.DequeueCount,
                ["NextVisibleOn"] = message.NextVisibleTime,
                ["InsertedOn"] = message.InsertionTime,
                ["ExpiresOn"] = message.ExpirationTime,
            });
            input = new TypedData
            {
                ModelBindingData = new ModelBindingData
                {
                    Version = "1.0",
                    Source = "AzureStorageQueues",
                    ContentType = "application/json",
                    Content = ByteString.CopyFromUtf8(content),
                },
            };
        }
        else
        {
            input = function.DataType == BindingInfo.Types.DataType.Binary
                ? new TypedData { Bytes = ByteString.CopyFrom(message.Body) }
                : new TypedData { String = text };
        }

        var request = NewRequest(function, invocationId, input);
        request.TriggerMetadata["QueueTrigger"] = new TypedData { String = text };
        request.TriggerMetadata["Id"] = new TypedData { String = message.Id };
        request.TriggerMetadata["PopReceipt"] = new TypedData { String = message.PopReceipt };
        request.TriggerMetadata["DequeueCount"] = new TypedData { Json = message.DequeueCount.ToString(CultureInfo.InvariantCulture) };
        request.TriggerMetadata["InsertionTime"] = JsonDate(message.InsertionTime);
        request.TriggerMetadata["ExpirationTime"] = JsonDate(message.ExpirationTime);
        request.TriggerMetadata["NextVisibleTime"] = JsonDate(message.NextVisibleTime);
        return request;
    }

    /// <summary>The TimerInfo the host serializes (PascalCase, Newtonsoft); the worker reads it case-insensitively.</summary>
    public static InvocationRequest Timer(WorkerFunction function, string invocationId, Timers.ScheduleStatus? status, bool isPastDue)
    {
        ArgumentNullException.ThrowIfNull(function);
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("Schedule");
            writer.WriteBoolean("AdjustForDST", true);
            writer.WriteEndObject();
            if (status is null)
            {
                writer.WriteNull("ScheduleStatus");
            }
            else
            {
                writer.WriteStartObject("ScheduleStatus");
                WriteStatusDate(writer, "Last", status.Last);
                WriteStatusDate(writer, "Next", status.Next);
                WriteStatusDate(writer, "LastUpdated", status.LastUpdated);
                writer.WriteEndObject();
            }

            writer.WriteBoolean("IsPastDue", isPastDue);
            writer.WriteEndObject();
        }

        return NewRequest(function, invocationId, new TypedData { Json = Encoding.UTF8.GetString(buffer.ToArray()) });
    }

    /// <summary>Route values as strings, query and headers as JSON objects (the HTTP request itself goes over the proxy).</summary>
    public static InvocationRequest Http(
        WorkerFunction function,
        string invocationId,
        IEnumerable<KeyValuePair<string, string?>> routeValues,
        IEnumerable<KeyValuePair<string, string>> query,
        IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(function);
        InvocationRequest request = NewRequest(function, invocationId, new TypedData { Http = new RpcHttp() });
        request.TriggerMetadata["Query"] = new TypedData { Json = JsonSerializer.Serialize(ToDictionary(query)) };
        request.TriggerMetadata["Headers"] = new TypedData { Json = JsonSerializer.Serialize(ToDictionary(headers)) };
        foreach ((string name, string? value) in routeValues)
        {
            if (value is not null)
            {
                request.TriggerMetadata[name] = new TypedData { String = value };
            }
        }

        return request;
    }

    private static Dictionary<string, string> ToDictionary(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var dictionary = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string key, string value) in pairs)
        {
            dictionary.TryAdd(key, value);
        }

        return dictionary;
    }

    private static InvocationRequest NewRequest(WorkerFunction function, string invocationId, TypedData input)
    {
        // The worker reads the trace context unconditionally (a missing one is a NullReferenceException in it).
        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = function.FunctionId,
            TraceContext = new RpcTraceContext { TraceParent = System.Diagnostics.Activity.Current?.Id ?? NewTraceParent(), TraceState = string.Empty },
        };
        request.InputData.Add(new ParameterBinding { Name = function.TriggerBindingName, Data = input });
        return request;
    }

    private static string NewTraceParent() =>
        $"00-{System.Diagnostics.ActivityTraceId.CreateRandom()}-{System.Diagnostics.ActivitySpanId.CreateRandom()}-00";

    private static TypedData JsonDate(DateTimeOffset value) =>
        new() { Json = "\"" + value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture) + "\"" };

    /// <summary>The host's "never" is <c>default(DateTime)</c>, which Newtonsoft writes without an offset.</summary>
    private static void WriteStatusDate(Utf8JsonWriter writer, string name, DateTimeOffset? value) =>
        writer.WriteString(name, value is { } date ? date.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture) : "0001-01-01T00:00:00");
}
