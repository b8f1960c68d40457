using System.Text.Json;
using Hotline.LocalHost.Timers;

namespace Hotline.LocalHost.Invocation;

/// <summary>
/// The envelope of a timerTrigger invocation: <c>Data.&lt;name&gt;</c> is the TimerInfo object
/// <c>{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last","Next","LastUpdated"}|null,"IsPastDue":false}</c>;
/// the metadata hold only <c>sys</c> (the TimerTrigger key is dropped like every key ending in "trigger").
/// https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#usage
/// </summary>
internal static class TimerTriggerEnvelope
{
    public static byte[] Create(string functionName, string bindingName, ScheduleStatus? status, bool isPastDue, DateTimeOffset utcNow, Guid randGuid) =>
        InvocationEnvelope.Write(
            functionName,
            utcNow,
            randGuid,
            data =>
            {
                data.WriteStartObject(bindingName);
                data.WriteStartObject("Schedule");
                data.WriteBoolean("AdjustForDST", true);
                data.WriteEndObject();
                if (status is null)
                {
                    data.WriteNull("ScheduleStatus");
                }
                else
                {
                    data.WriteStartObject("ScheduleStatus");
                    WriteStatusDate(data, "Last", status.Last);
                    WriteStatusDate(data, "Next", status.Next);
                    WriteStatusDate(data, "LastUpdated", status.LastUpdated);
                    data.WriteEndObject();
                }

                data.WriteBoolean("IsPastDue", isPastDue);
                data.WriteEndObject();
            },
            _ => { });

    /// <summary>The host's "never" is <c>default(DateTime)</c>, which Newtonsoft writes without an offset.</summary>
    private static void WriteStatusDate(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } date)
        {
            InvocationEnvelope.WriteDate(writer, name, date);
        }
        else
        {
            writer.WriteString(name, "0001-01-01T00:00:00");
        }
    }
}
