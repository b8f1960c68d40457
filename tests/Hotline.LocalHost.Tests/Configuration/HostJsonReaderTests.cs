using System.Text.Json;
using Hotline.LocalHost.Configuration;

namespace Hotline.LocalHost.Tests.Configuration;

public sealed class HostJsonReaderTests
{
    [Fact]
    public void Missing_sections_take_the_host_defaults()
    {
        HostConfiguration host = Parse("""{ "version": "2.0" }""");

        Assert.Equal("api", host.RoutePrefix);
        Assert.Null(host.FunctionTimeout);
        Assert.Equal(QueueTriggerOptions.Default, host.Queues);
        Assert.Equal(TimeSpan.FromMinutes(1), host.Queues.MaxPollingInterval);
        Assert.Equal(TimeSpan.Zero, host.Queues.VisibilityTimeout);
        Assert.Equal(16, host.Queues.BatchSize);
        Assert.Equal(8, host.Queues.NewBatchThreshold);
        Assert.Equal(5, host.Queues.MaxDequeueCount);
        Assert.True(host.Queues.Base64Encoding);
    }

    [Fact]
    public void The_test_worker_host_json_is_read_as_declared()
    {
        string path = Path.Combine(Hotline.Testing.RepositoryPaths.Root, "tests", "Hotline.LocalHost.TestWorker", "host.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));

        HostConfiguration host = HostJsonReader.Parse(document.RootElement, path);

        Assert.Equal(string.Empty, host.RoutePrefix);
        Assert.Equal(TimeSpan.FromMinutes(1), host.FunctionTimeout);
        Assert.Equal(new QueueTriggerOptions(TimeSpan.FromMilliseconds(500), TimeSpan.Zero, 8, 4, 3, Base64Encoding: true), host.Queues);
    }

    [Fact]
    public void New_batch_threshold_defaults_to_half_the_batch_size_and_can_be_set()
    {
        Assert.Equal(2, Parse(WithQueues("""{ "batchSize": 4 }""")).Queues.NewBatchThreshold);
        Assert.Equal(7, Parse(WithQueues("""{ "batchSize": 4, "newBatchThreshold": 7 }""")).Queues.NewBatchThreshold);
    }

    [Fact]
    public void Message_encoding_none_is_read_case_insensitively()
    {
        Assert.False(Parse(WithQueues("""{ "MessageEncoding": "None" }""")).Queues.Base64Encoding);
    }

    [Fact]
    public void Every_invalid_queue_setting_is_reported_at_once()
    {
        var error = Assert.Throws<FunctionsConfigurationException>(() => Parse(WithQueues(
            """{ "batchSize": 40, "maxDequeueCount": 0, "maxPollingInterval": "00:00:00.010", "messageEncoding": "utf7", "visibilityTimeout": "soon" }""")));

        Assert.Contains("batchSize", error.Message, StringComparison.Ordinal);
        Assert.Contains("maxDequeueCount", error.Message, StringComparison.Ordinal);
        Assert.Contains("maxPollingInterval", error.Message, StringComparison.Ordinal);
        Assert.Contains("messageEncoding", error.Message, StringComparison.Ordinal);
        Assert.Contains("visibilityTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_prefix_slashes_are_trimmed()
    {
        Assert.Equal("v1", Parse("""{ "extensions": { "http": { "routePrefix": "/v1/" } } }""").RoutePrefix);
    }

    [Fact]
    public void Function_timeout_minus_one_means_unbounded()
    {
        Assert.Null(Parse("""{ "functionTimeout": "-1" }""").FunctionTimeout);
    }

    private static string WithQueues(string queues) => $$"""{ "extensions": { "queues": {{queues}} } }""";

    private static HostConfiguration Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return HostJsonReader.Parse(document.RootElement, "host.json");
    }
}
