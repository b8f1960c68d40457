using System.Net;
using System.Text.Json;
using Hotline.Testing;

namespace Hotline.LocalHost.Tests.Worker;

/// <summary>A worker that exits at start (an options error) is reported with its exit code and stderr; HTTP answers 503.</summary>
public sealed class WorkerStartFailureTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>
{
    [Fact]
    public async Task A_worker_failing_its_options_at_start_gives_503_with_its_stderr_and_no_tight_restart_loop()
    {
        var logs = new RecordingLoggerProvider();
        Dictionary<string, string?> settings = TestWorkerApp.Settings();
        settings["TestWorker__FailAtStart"] = "true";

        await using LocalFunctionsHost host = await LocalFunctionsHost.StartAsync(
            new LocalFunctionsHostOptions
            {
                AppDirectory = TestWorkerApp.Directory,
                StorageConnectionString = azurite.ConnectionString,
                Settings = settings,
                LoggerProvider = logs,
            },
            CancellationToken.None);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using HttpResponseMessage response = await client.GetAsync("/echo/x");

        Assert.NotNull(host.WorkerError);
        Assert.Contains("exited with code", host.WorkerError, StringComparison.Ordinal);
        Assert.Contains("TestWorker:FailAtStart is set", host.WorkerError, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("TestWorker:FailAtStart is set", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(logs.Contains("Starting the worker again in 2 s"));
        Assert.Empty(host.Functions);
    }
}
