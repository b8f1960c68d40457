using Hotline.LocalHost.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.LocalHost.Tests.Http;

public sealed class HostStartupValidationTests
{
    [Fact]
    public async Task An_http_function_the_host_would_not_forward_fails_the_start_with_the_reason()
    {
        using TestAppRoot app = TestAppRoot.Create(TestAppRoot.HostJson(), ("Submit", """
            { "bindings": [
              { "type": "httpTrigger", "direction": "in", "name": "req", "methods": ["post"] },
              { "type": "http", "direction": "out", "name": "res" },
              { "type": "queue", "direction": "out", "name": "outbox", "queueName": "outbox" } ] }
            """));

        var error = await Assert.ThrowsAsync<FunctionsConfigurationException>(() => StartAsync(app));

        Assert.Contains("Submit: the local host forwards HTTP functions only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_functions_on_the_same_route_and_method_fail_the_start()
    {
        using TestAppRoot app = TestAppRoot.Create(
            TestAppRoot.HostJson(),
            ("First", TestAppRoot.HttpFunction("api/same", "\"get\", \"post\"")),
            ("Second", TestAppRoot.HttpFunction("API/same", "\"post\"")),
            ("Third", TestAppRoot.HttpFunction("api/same", "\"put\"")));

        var error = await Assert.ThrowsAsync<FunctionsConfigurationException>(() => StartAsync(app));

        Assert.Contains("Second and First both answer '/API/same'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Third", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_options_are_reported_before_anything_starts()
    {
        await using var host = new LocalFunctionsHost(new LocalFunctionsHostOptions { AppRoot = " ", Port = 70000 }, NullLoggerFactory.Instance);

        var error = await Assert.ThrowsAsync<FunctionsConfigurationException>(() => host.StartAsync(CancellationToken.None));

        Assert.Contains("AppRoot is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("Port 70000", error.Message, StringComparison.Ordinal);
    }

    private static async Task StartAsync(TestAppRoot app)
    {
        await using var host = new LocalFunctionsHost(
            new LocalFunctionsHostOptions
            {
                AppRoot = app.Path,
                Port = 0,
                StorageConnectionString = "UseDevelopmentStorage=true",
                HandlerBaseAddress = new Uri("http://127.0.0.1:9/"),
                KeysPath = Path.Combine(app.Path, ".local", "keys.json"),
                BannerWriter = TextWriter.Null,
            },
            NullLoggerFactory.Instance);
        await host.StartAsync(CancellationToken.None);
    }
}
