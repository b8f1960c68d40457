namespace Hotline.LocalHost.Tests.Infrastructure;

/// <summary>A temporary Functions app root written by a test: host.json and one folder per function.</summary>
internal sealed class TestAppRoot : IDisposable
{
    private TestAppRoot(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>A host.json like the repository's: a custom handler with forwarding, and the given queue settings and prefix.</summary>
    public static string HostJson(string queues = """{ "maxPollingInterval": "00:00:00.200", "visibilityTimeout": "00:00:00", "batchSize": 16, "maxDequeueCount": 5 }""", string routePrefix = "") =>
        $$"""
        {
          "version": "2.0",
          "customHandler": { "description": { "defaultExecutablePath": "handler" }, "enableForwardingHttpRequest": true },
          "functionTimeout": "00:01:00",
          "extensions": { "http": { "routePrefix": "{{routePrefix}}" }, "queues": {{queues}} }
        }
        """;

    public static string HttpFunction(string route, string methods = "\"get\"", string authLevel = "anonymous") =>
        $$"""
        { "bindings": [
          { "type": "httpTrigger", "direction": "in", "name": "req", "authLevel": "{{authLevel}}", "methods": [{{methods}}], "route": "{{route}}" },
          { "type": "http", "direction": "out", "name": "res" } ] }
        """;

    public static string QueueFunction(string queueName, string extraBindings = "") =>
        $$"""
        { "bindings": [
          { "type": "queueTrigger", "direction": "in", "name": "message", "queueName": "{{queueName}}", "connection": "AzureWebJobsStorage" }{{extraBindings}} ] }
        """;

    public static string TimerFunction(string schedule, bool runOnStartup = false, bool useMonitor = true) =>
        $$"""
        { "bindings": [
          { "type": "timerTrigger", "direction": "in", "name": "timer", "schedule": "{{schedule}}", "runOnStartup": {{(runOnStartup ? "true" : "false")}}, "useMonitor": {{(useMonitor ? "true" : "false")}} } ] }
        """;

    public static TestAppRoot Create(string hostJson, params (string Name, string FunctionJson)[] functions)
    {
        string path = Directory.CreateTempSubdirectory("hotline-approot-").FullName;
        File.WriteAllText(System.IO.Path.Combine(path, "host.json"), hostJson);
        foreach ((string name, string functionJson) in functions)
        {
            Directory.CreateDirectory(System.IO.Path.Combine(path, name));
            File.WriteAllText(System.IO.Path.Combine(path, name, "function.json"), functionJson);
        }

        return new TestAppRoot(path);
    }

    public void WriteFile(string relativePath, string content)
    {
        string full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
