using Hotline.LocalHost.Configuration;

namespace Hotline.LocalHost.Tests.Configuration;

public sealed class FunctionJsonReaderTests
{
    [Fact]
    public void Http_trigger_defaults_to_function_auth_all_methods_and_the_function_name_as_route()
    {
        using TestAppRoot root = TestAppRoot.Create(TestAppRoot.HostJson(), ("Ping", """{ "bindings": [ { "type": "httpTrigger", "direction": "in", "name": "req" }, { "type": "http", "direction": "out", "name": "res" } ] }"""));

        FunctionDefinition function = Assert.Single(FunctionJsonReader.ReadAll(root.Path, new AppSettings([], [])).Functions);

        var trigger = Assert.IsType<HttpTriggerBinding>(function.Trigger);
        Assert.Equal("Ping", trigger.Route);
        Assert.Empty(trigger.Methods);
        Assert.Equal(AuthorizationLevel.Function, trigger.AuthLevel);
        Assert.True(function.IsHttpInAndOut);
    }

    [Fact]
    public void Http_methods_are_upper_cased_and_auth_level_read()
    {
        using TestAppRoot root = TestAppRoot.Create(TestAppRoot.HostJson(), ("Submit", TestAppRoot.HttpFunction("api/submissions", "\"post\", \"put\"", "admin")));

        var trigger = Assert.IsType<HttpTriggerBinding>(Assert.Single(FunctionJsonReader.ReadAll(root.Path, new AppSettings([], [])).Functions).Trigger);

        Assert.Equal(["POST", "PUT"], trigger.Methods);
        Assert.Equal("api/submissions", trigger.Route);
        Assert.Equal(AuthorizationLevel.Admin, trigger.AuthLevel);
    }

    [Fact]
    public void Queue_name_and_schedule_resolve_percent_settings_and_the_queue_name_is_lower_cased()
    {
        var settings = new AppSettings([new("ROUTING_QUEUE", "Case-Routing")], [new("REMINDER_SCHEDULE", "0 */5 * * * *")]);
        using TestAppRoot root = TestAppRoot.Create(
            TestAppRoot.HostJson(),
            ("RouteCase", TestAppRoot.QueueFunction("%ROUTING_QUEUE%")),
            ("Remind", TestAppRoot.TimerFunction("%REMINDER_SCHEDULE%")));

        FunctionCatalog catalog = FunctionJsonReader.ReadAll(root.Path, settings);

        var queue = Assert.IsType<QueueTriggerBinding>(catalog.Functions.Single(f => f.Name == "RouteCase").Trigger);
        Assert.Equal("case-routing", queue.QueueName);
        Assert.Equal("case-routing-poison", queue.PoisonQueueName);
        Assert.Equal("message", queue.Name);
        var timer = Assert.IsType<TimerTriggerBinding>(catalog.Functions.Single(f => f.Name == "Remind").Trigger);
        Assert.Equal("0 */5 * * * *", timer.Schedule);
        Assert.True(timer.UseMonitor);
        Assert.False(timer.RunOnStartup);
    }

    [Fact]
    public void An_unresolved_setting_names_the_setting_and_the_file()
    {
        using TestAppRoot root = TestAppRoot.Create(TestAppRoot.HostJson(), ("RouteCase", TestAppRoot.QueueFunction("%MISSING_QUEUE_SETTING%")));

        var error = Assert.Throws<FunctionsConfigurationException>(() => FunctionJsonReader.ReadAll(root.Path, new AppSettings([], [])));

        Assert.Contains("'%MISSING_QUEUE_SETTING%' does not resolve", error.Message, StringComparison.Ordinal);
        Assert.Contains("RouteCase", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Functions_disabled_in_function_json_or_by_app_setting_are_not_loaded()
    {
        var settings = new AppSettings([new("AzureWebJobs.Second.Disabled", "true")], []);
        using TestAppRoot root = TestAppRoot.Create(
            TestAppRoot.HostJson(),
            ("First", """{ "disabled": true, "bindings": [ { "type": "timerTrigger", "direction": "in", "name": "t", "schedule": "0 * * * * *" } ] }"""),
            ("Second", TestAppRoot.QueueFunction("work")),
            ("Third", TestAppRoot.QueueFunction("work")));

        FunctionCatalog catalog = FunctionJsonReader.ReadAll(root.Path, settings);

        Assert.Equal("Third", Assert.Single(catalog.Functions).Name);
        Assert.Equal(["First", "Second"], catalog.Disabled);
    }

    [Fact]
    public void Invalid_bindings_are_all_reported()
    {
        using TestAppRoot root = TestAppRoot.Create(
            TestAppRoot.HostJson(),
            ("BadQueue", TestAppRoot.QueueFunction("Bad_Queue!")),
            ("BadTimer", TestAppRoot.TimerFunction("every minute")),
            ("Blob", """{ "bindings": [ { "type": "blobTrigger", "direction": "in", "name": "b", "path": "x/{name}" } ] }"""),
            ("NoTrigger", """{ "bindings": [ { "type": "queue", "direction": "out", "name": "q", "queueName": "out" } ] }"""));

        var error = Assert.Throws<FunctionsConfigurationException>(() => FunctionJsonReader.ReadAll(root.Path, new AppSettings([], [])));

        Assert.Contains("'bad_queue!' is not a valid queue name", error.Message, StringComparison.Ordinal);
        Assert.Contains("'every minute' is not an NCRONTAB expression", error.Message, StringComparison.Ordinal);
        Assert.Contains("'blobTrigger' is not supported", error.Message, StringComparison.Ordinal);
        Assert.Contains("no trigger binding", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_extra_output_binding_means_the_function_is_not_forwarded()
    {
        using TestAppRoot root = TestAppRoot.Create(TestAppRoot.HostJson(), ("Submit", """
            { "bindings": [
              { "type": "httpTrigger", "direction": "in", "name": "req", "methods": ["post"] },
              { "type": "http", "direction": "out", "name": "res" },
              { "type": "queue", "direction": "out", "name": "outbox", "queueName": "outbox" } ] }
            """));

        FunctionDefinition function = Assert.Single(FunctionJsonReader.ReadAll(root.Path, new AppSettings([], [])).Functions);

        Assert.False(function.IsHttpInAndOut);
        Assert.Equal("outbox", function.Outputs.Single(o => o.IsQueue).QueueName);
    }

    [Fact]
    public void The_repository_functions_load_with_their_triggers()
    {
        string functions = Path.Combine(Hotline.Testing.RepositoryPaths.Root, "src", "Hotline", "Functions");

        FunctionCatalog catalog = FunctionJsonReader.ReadAll(functions, new AppSettings([], []));

        Assert.Equal("{*page}", Assert.IsType<HttpTriggerBinding>(catalog.Functions.Single(f => f.Name == "WebForm").Trigger).Route);
        Assert.Equal("case-routing", Assert.IsType<QueueTriggerBinding>(catalog.Functions.Single(f => f.Name == "RouteCase").Trigger).QueueName);
        Assert.Equal("0 * * * * *", Assert.IsType<TimerTriggerBinding>(catalog.Functions.Single(f => f.Name == "RemindUnacknowledged").Trigger).Schedule);
        Assert.All(catalog.Functions.Where(f => f.Trigger is HttpTriggerBinding), f => Assert.True(f.IsHttpInAndOut));
    }
}
