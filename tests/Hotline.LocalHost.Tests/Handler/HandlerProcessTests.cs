using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Hotline.LocalHost.Configuration;
using Hotline.LocalHost.Handler;
using Hotline.Testing;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.Tests.Handler;

public sealed class HandlerProcessTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>
{
    /// <summary>A handler in plain Node.js (already needed for Azurite): it reports what it was started with.</summary>
    private const string NodeHandler = """
        const http = require('http');
        const port = process.env.FUNCTIONS_CUSTOMHANDLER_PORT;
        console.log('node handler listening on ' + port);
        console.error('warn: a line on stderr');
        http.createServer((req, res) => {
          req.resume();
          req.on('end', () => {
            if (req.url === '/api/exit') { res.end('bye', () => process.exit(3)); return; }
            res.setHeader('content-type', 'application/json');
            res.end(JSON.stringify({
              path: req.url, cwd: process.cwd(), argv: process.argv.slice(2),
              port, worker: process.env.FUNCTIONS_CUSTOMHANDLER_WORKER_ID, appRoot: process.env.FUNCTIONS_APP_ROOT_PATH,
              storage: process.env.AzureWebJobsStorage, local: process.env.FROM_LOCAL_SETTINGS,
              environment: process.env.AZURE_FUNCTIONS_ENVIRONMENT }));
          });
        }).listen(port, '127.0.0.1');
        """;

    [Fact]
    public void The_start_info_follows_host_json_and_sets_the_handler_environment()
    {
        using TestAppRoot root = TestAppRoot.Create("""
            { "customHandler": { "description": {
                "defaultExecutablePath": "Hotline", "arguments": ["--a"], "defaultWorkerPath": "worker.dll", "workerArguments": ["--b"], "workingDirectory": "work" } } }
            """);
        root.WriteFile("Hotline", "#!/bin/sh");
        root.WriteFile("local.settings.json", """{ "Values": { "FROM_LOCAL_SETTINGS": "yes" } }""");
        FunctionApp app = FunctionApp.Load(root.Path, repositoryRoot: null);
        var workerId = Guid.NewGuid();

        ProcessStartInfo start = HandlerProcess.CreateStartInfo(app, 5123, workerId, "UseDevelopmentStorage=true");

        Assert.Equal(Path.Combine(root.Path, "Hotline"), start.FileName);
        Assert.Equal(["--a", Path.Combine(root.Path, "worker.dll"), "--b"], start.ArgumentList);
        Assert.Equal(Path.Combine(root.Path, "work"), start.WorkingDirectory);
        Assert.Equal("5123", start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"]);
        Assert.Equal(workerId.ToString(), start.Environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"]);
        Assert.Equal(root.Path, start.Environment["FUNCTIONS_APP_ROOT_PATH"]);
        Assert.Equal("UseDevelopmentStorage=true", start.Environment["AzureWebJobsStorage"]);
        Assert.Equal("yes", start.Environment["FROM_LOCAL_SETTINGS"]);
        Assert.False(start.Environment.ContainsKey("ASPNETCORE_URLS"));
    }

    [Fact]
    public void An_executable_not_in_the_app_root_is_a_command_on_the_path()
    {
        using TestAppRoot root = TestAppRoot.Create("""{ "customHandler": { "description": { "defaultExecutablePath": "node", "arguments": ["handler.js"] } } }""");

        ProcessStartInfo start = HandlerProcess.CreateStartInfo(FunctionApp.Load(root.Path, null), 5123, Guid.NewGuid(), "x");

        Assert.Equal("node", start.FileName);
        Assert.Equal(root.Path, start.WorkingDirectory);
    }

    [Fact]
    public async Task The_host_starts_the_handler_waits_for_it_and_relays_its_output()
    {
        using TestAppRoot root = NodeApp();
        await using Running running = await Running.StartAsync(root, azurite.ConnectionString);

        using HttpResponseMessage response = await running.Client.GetAsync("/api/info?x=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument info = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement report = info.RootElement;
        Assert.Equal("/api/info?x=1", report.GetProperty("path").GetString());
        Assert.Equal(root.Path, report.GetProperty("cwd").GetString());
        Assert.Equal(["--verbose"], report.GetProperty("argv").EnumerateArray().Select(a => a.GetString()));
        Assert.True(int.TryParse(report.GetProperty("port").GetString(), out int port) && port > 0);
        Assert.True(Guid.TryParse(report.GetProperty("worker").GetString(), out _));
        Assert.Equal(root.Path, report.GetProperty("appRoot").GetString());
        Assert.Equal(azurite.ConnectionString, report.GetProperty("storage").GetString());
        Assert.Equal("from-file", report.GetProperty("local").GetString());
        Assert.Equal("Development", report.GetProperty("environment").GetString());
        await Eventually.UntilAsync(() => running.Logs.Entries.Any(e => e.Level == LogLevel.Warning && e.Message == "warn: a line on stderr"), "the stderr line");
        Assert.Contains(running.Logs.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("node handler listening on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_handler_that_exits_stops_the_host_with_an_error()
    {
        using TestAppRoot root = NodeApp();
        await using Running running = await Running.StartAsync(root, azurite.ConnectionString);

        using HttpResponseMessage bye = await running.Client.GetAsync("/api/exit");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => running.Host.Completion.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Contains("exited with code 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_that_never_listens_fails_the_start_within_the_limit()
    {
        using TestAppRoot root = TestAppRoot.Create("""{ "customHandler": { "description": { "defaultExecutablePath": "node", "arguments": ["-e", "setTimeout(() => {}, 60000)"] } } }""");
        using ILoggerFactory loggerFactory = LoggerFactory.Create(_ => { });
        await using var host = new LocalFunctionsHost(
            new LocalFunctionsHostOptions
            {
                AppRoot = root.Path,
                Port = 0,
                StorageConnectionString = azurite.ConnectionString,
                KeysPath = Path.Combine(root.Path, ".local", "keys.json"),
                HandlerStartupTimeout = TimeSpan.FromSeconds(1),
                BannerWriter = TextWriter.Null,
            },
            loggerFactory);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => host.StartAsync(CancellationToken.None));

        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
    }

    private static TestAppRoot NodeApp()
    {
        TestAppRoot root = TestAppRoot.Create(
            """{ "customHandler": { "description": { "defaultExecutablePath": "node", "arguments": ["handler.js", "--verbose"] }, "enableForwardingHttpRequest": true }, "extensions": { "http": { "routePrefix": "" } } }""",
            ("Info", TestAppRoot.HttpFunction("api/info")),
            ("Exit", TestAppRoot.HttpFunction("api/exit")));
        root.WriteFile("handler.js", NodeHandler);
        root.WriteFile("local.settings.json", """{ "IsEncrypted": false, "Values": { "FROM_LOCAL_SETTINGS": "from-file" } }""");
        return root;
    }

    private sealed class Running : IAsyncDisposable
    {
        private readonly ILoggerFactory loggerFactory;

        private Running(LocalFunctionsHost host, ILoggerFactory loggerFactory, RecordingLoggerProvider logs)
        {
            Host = host;
            this.loggerFactory = loggerFactory;
            Logs = logs;
            Client = new HttpClient { BaseAddress = host.BaseAddress };
        }

        public LocalFunctionsHost Host { get; }

        public RecordingLoggerProvider Logs { get; }

        public HttpClient Client { get; }

        public static async Task<Running> StartAsync(TestAppRoot root, string storage)
        {
            var logs = new RecordingLoggerProvider();
            ILoggerFactory loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
            var host = new LocalFunctionsHost(
                new LocalFunctionsHostOptions
                {
                    AppRoot = root.Path,
                    Port = 0,
                    StorageConnectionString = storage,
                    KeysPath = Path.Combine(root.Path, ".local", "keys.json"),
                    BannerWriter = TextWriter.Null,
                },
                loggerFactory);
            await host.StartAsync(CancellationToken.None);
            return new Running(host, loggerFactory, logs);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Host.DisposeAsync();
            loggerFactory.Dispose();
        }
    }
}
