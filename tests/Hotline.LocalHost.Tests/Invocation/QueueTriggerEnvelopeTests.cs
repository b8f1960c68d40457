using System.Text;
using System.Text.Json;
using Hotline.LocalHost.Invocation;
using Azure.Storage.Queues.Models;

namespace Hotline.LocalHost.Tests.Invocation;

public sealed class QueueTriggerEnvelopeTests
{
    private static readonly DateTimeOffset Inserted = new(2025, 3, 10, 12, 0, 1, TimeSpan.Zero);
    private static readonly Guid RandGuid = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");

    private static readonly QueueMessage Message = QueuesModelFactory.QueueMessage(
        messageId: "0d5c9ea4-6a1e-4c1b-a3c5-62ab2c0f3a01",
        popReceipt: "AgAAAAMAAAAAAAAA",
        body: BinaryData.FromString("ignored"),
        dequeueCount: 2,
        nextVisibleOn: Inserted.AddMinutes(10).AddMilliseconds(250),
        insertedOn: Inserted,
        expiresOn: Inserted.AddDays(7));

    [Fact]
    public void The_message_text_is_json_serialized_again_inside_data()
    {
        string text = """{"ticketId":"K7P3QX","note":"欠薪 \"急\""}""";

        using JsonDocument envelope = Envelope(text);

        JsonElement data = envelope.RootElement.GetProperty("Data");
        string wire = data.GetProperty("message").GetString()!;
        Assert.StartsWith("\"{\\\"ticketId\\\":\\\"K7P3QX\\\"", wire, StringComparison.Ordinal);
        Assert.Equal(text, JsonSerializer.Deserialize<string>(wire));
        Assert.Single(data.EnumerateObject());
    }

    [Fact]
    public void Scalar_metadata_are_json_serialized_strings_and_dates_are_iso_dates()
    {
        using JsonDocument envelope = Envelope("hello");

        JsonElement metadata = envelope.RootElement.GetProperty("Metadata");
        Assert.Equal("2", metadata.GetProperty("DequeueCount").GetString());
        Assert.Equal("\"0d5c9ea4-6a1e-4c1b-a3c5-62ab2c0f3a01\"", metadata.GetProperty("Id").GetString());
        Assert.Equal("\"AgAAAAMAAAAAAAAA\"", metadata.GetProperty("PopReceipt").GetString());
        Assert.Equal("2025-03-10T12:00:01+00:00", metadata.GetProperty("InsertionTime").GetString());
        Assert.Equal("2025-03-17T12:00:01+00:00", metadata.GetProperty("ExpirationTime").GetString());
        Assert.Equal("2025-03-10T12:10:01+00:00", metadata.GetProperty("NextVisibleTime").GetString());
        Assert.Equal(
            ["DequeueCount", "ExpirationTime", "Id", "InsertionTime", "NextVisibleTime", "PopReceipt", "sys"],
            metadata.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Sys_carries_the_method_name_the_time_and_a_random_guid()
    {
        using JsonDocument envelope = Envelope("hello");

        JsonElement sys = envelope.RootElement.GetProperty("Metadata").GetProperty("sys");
        Assert.Equal("RouteCase", sys.GetProperty("MethodName").GetString());
        Assert.Equal(new DateTime(2025, 3, 10, 12, 0, 2, 123, DateTimeKind.Utc), sys.GetProperty("UtcNow").GetDateTime());
        Assert.EndsWith("Z", sys.GetProperty("UtcNow").GetString(), StringComparison.Ordinal);
        Assert.Equal(RandGuid, sys.GetProperty("RandGuid").GetGuid());
    }

    [Fact]
    public void The_envelope_has_exactly_data_and_metadata()
    {
        using JsonDocument envelope = Envelope("hello");

        Assert.Equal(["Data", "Metadata"], envelope.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void An_admin_invocation_has_the_input_as_message_and_a_zero_dequeue_count()
    {
        byte[] json = QueueTriggerEnvelope.CreateManual("RouteCase", "message", "manual", Inserted, RandGuid);

        using JsonDocument envelope = JsonDocument.Parse(json);
        Assert.Equal("\"manual\"", envelope.RootElement.GetProperty("Data").GetProperty("message").GetString());
        Assert.Equal("0", envelope.RootElement.GetProperty("Metadata").GetProperty("DequeueCount").GetString());
    }

    private static JsonDocument Envelope(string text)
    {
        byte[] json = QueueTriggerEnvelope.Create("RouteCase", "message", text, Message, new DateTimeOffset(2025, 3, 10, 12, 0, 2, 123, TimeSpan.Zero), RandGuid);
        Assert.DoesNotContain("\\u", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        return JsonDocument.Parse(json);
    }
}
