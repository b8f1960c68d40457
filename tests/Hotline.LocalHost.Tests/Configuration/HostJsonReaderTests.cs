using System.Text.Json;
using Hotline.LocalHost.Configuration;
using Azure.Storage.Queues;

namespace Hotline.LocalHost.Tests.Configuration;

public sealed class HostJsonReaderTests
{
    private static readonly AppSettings NoSettings = new([], []);

    [Fact]
    public void Missing_sections_take_the_host_defaults()
    {
        HostConfiguration host = Parse("""{ "customHandler": { "description": { "defaultExecutablePath": "Hotline" } } }""");

        Assert.Equal("api", host.RoutePrefix);
        Assert.False(host.EnableForwardingHttpRequest);
        Assert.Null(host.FunctionTimeout);
        Assert.Equal(QueueTriggerOptions.Default, host.Queues);
        Assert.Equal(TimeSpan.FromMinutes(1), host.Queues.MaxPollingInterval);
        Assert.Equal(TimeSpan.Zero, host.Queues.VisibilityTimeout);
        Assert.Equal(16, host.Queues.BatchSize);
        Assert.Equal(8, host.Queues.NewBatchThreshold);
        Assert.Equal(5, host.Queues.MaxDequeueCount);
        Assert.Equal(QueueMessageEncoding.Base64, host.Queues.MessageEncoding);
        Assert.Equal(24, host.Queues.MaxConcurrentInvocations);
    }

    [Fact]
    public void The_repository_host_json_is_read_as_declared()
    {
        string path = Path.Combine(Hotline.Testing.RepositoryPaths.Root, "host.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));

        HostConfiguration host = HostJsonReader.Parse(document.RootElement, path, NoSettings);

        Assert.Equal("Hotline", host.CustomHandler.DefaultExecutablePath);
        Assert.True(host.EnableForwardingHttpRequest);
        Assert.Equal(string.Empty, host.RoutePrefix);
        Assert.Equal(TimeSpan.FromMinutes(5), host.FunctionTimeout);
        Assert.Equal(new QueueTriggerOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 16, 8, 5, QueueMessageEncoding.Base64), host.Queues);
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
        Assert.Equal(QueueMessageEncoding.None, Parse(WithQueues("""{ "MessageEncoding": "None" }""")).Queues.MessageEncoding);
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
    public void A_host_json_without_a_custom_handler_is_rejected()
    {
        var error = Assert.Throws<FunctionsConfigurationException>(() => Parse("""{ "version": "2.0" }"""));

        Assert.Contains("customHandler", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Handler_description_values_expand_app_settings()
    {
        var settings = new AppSettings([new("HANDLER_DLL", "App.dll")], []);
        using JsonDocument document = JsonDocument.Parse(
            """{ "customHandler": { "description": { "defaultExecutablePath": "dotnet", "arguments": ["%HANDLER_DLL%", "--verbose"], "workingDirectory": "bin" } } }""");

        HostConfiguration host = HostJsonReader.Parse(document.RootElement, "host.json", settings);

        Assert.Equal(["App.dll", "--verbose"], host.CustomHandler.Arguments);
        Assert.Equal("bin", host.CustomHandler.WorkingDirectory);
    }

    [Fact]
    public void Function_timeout_minus_one_means_unbounded()
    {
        Assert.Null(Parse("""{ "functionTimeout": "-1", "customHandler": { "description": { "defaultExecutablePath": "h" } } }""").FunctionTimeout);
    }

    private static string WithQueues(string queues) =>
        $$"""{ "customHandler": { "description": { "defaultExecutablePath": "h" } }, "extensions": { "queues": {{queues}} } }""";

    private static HostConfiguration Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return HostJsonReader.Parse(document.RootElement, "host.json", NoSettings);
    }
}
