using System.Text;
using System.Text.Json;

namespace Hotline.Tests.Infrastructure;

/// <summary>Invocation envelopes shaped like the Functions host's (queue text JSON-serialised again, scalars as strings).</summary>
public static class Envelope
{
    public static StringContent Queue(string messageText, int dequeueCount = 1)
    {
        var envelope = new
        {
            Data = new { message = JsonSerializer.Serialize(messageText) },
            Metadata = new
            {
                DequeueCount = dequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Id = JsonSerializer.Serialize(Guid.NewGuid().ToString()),
                sys = new { MethodName = "test", UtcNow = DateTimeOffset.UnixEpoch, RandGuid = Guid.NewGuid() },
            },
        };
        return new StringContent(JsonSerializer.Serialize(envelope), Encoding.UTF8, "application/json");
    }

    public static StringContent Timer() => new(
        """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"timer"}}}""",
        Encoding.UTF8,
        "application/json");
}
