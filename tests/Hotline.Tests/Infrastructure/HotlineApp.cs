using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using Hotline.LocalHost;
using Hotline.Storage;
using Hotline.Testing;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Hotline.Tests.Infrastructure;

/// <summary>
/// The real app for one test: the local Functions host (HTTP with keys, queue and timer invocations) driving the real
/// worker over gRPC, the worker running inside the test process on its own tables and queues in a shared Azurite,
/// so tests never see each other's data. Requests go through the whole pipeline: host routing, the worker's
/// middleware, binding, the ASP.NET Core integration and serialization. Queue listeners and timers are off: a test
/// runs a queue or timer function with <see cref="InvokeAsync"/>, as the host would.
/// <para>
/// It fails the test on any warning or error the app or the host logged, unless the test named it with
/// <see cref="ExpectWarnings"/> or <see cref="AssertNoUnexpectedWarnings"/>.
/// </para>
/// </summary>
public sealed class HotlineApp : IDisposable
{
    private readonly AzuriteInstance _azurite;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    /// <summary>Kestrel says so when the harness gives each in-process worker its own port (<see cref="InProcessWorkerLauncher"/>).</summary>
    private readonly List<string> _expectedWarnings = ["Overriding address(es)"];
    private readonly Lazy<(LocalFunctionsHost Host, IServiceProvider Services)> _started;

    public HotlineApp(AzuriteInstance azurite, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _azurite = azurite;
        _services = services;
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        _settings = new Dictionary<string, string?>
        {
            ["Hotline:Storage:TablePrefix"] = prefix,
            ["Hotline:Storage:QueuePrefix"] = prefix + "-",
            ["Hotline:Sms:Provider"] = "Outbox",
            ["Hotline:Sms:OutboxTable"] = prefix + "smsoutbox",

            // Tests text the same phones the same texts: each test gets its own memory of what a phone got.
            ["Hotline:Sms:RecentTable"] = prefix + "smsrecent",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        _started = new Lazy<(LocalFunctionsHost, IServiceProvider)>(() => Task.Run(StartAsync).GetAwaiter().GetResult());
    }

    /// <summary>The app's clock, which only the test moves.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

    /// <summary>What the worker logged, and the host.</summary>
    public LogCollector Logs { get; } = new();

    public LocalFunctionsHost Host => _started.Value.Host;

    /// <summary>The worker's services: the same stores and options the functions use.</summary>
    public IServiceProvider Services => _started.Value.Services;

    public HotlineStorage Storage => Services.GetRequiredService<HotlineStorage>();

    /// <summary>The size of every table request the app sent, to hold them to the service's limits.</summary>
    public TableRequestRecorder TableRequests { get; } = new();

    /// <summary>
    /// A client of the host's front door, with the master key (it passes every authLevel). With
    /// <paramref name="from"/> (a loopback address such as 127.0.0.7) it connects from there, so the host forwards
    /// that address as the client's, as Azure's front end forwards a caller's.
    /// </summary>
    public HttpClient CreateClient(IPAddress? from = null)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        if (from is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        var client = new HttpClient(handler) { BaseAddress = Host.BaseAddress };
        client.DefaultRequestHeaders.Add("x-functions-key", Host.MasterKey);
        return client;
    }

    /// <summary>Runs a queue function on a message text, or a timer function (null), as the host would.</summary>
    public Task<InvocationOutcome> InvokeAsync(string function, string? queueMessageText = null) =>
        Host.InvokeAsync(function, queueMessageText, CancellationToken.None);

    /// <summary>
    /// Runs the due-check loop as the host would: one SweepFollowUps, then RunFollowUp for every follow-up it queued.
    /// Returns how many follow-ups of <paramref name="kinds"/> were handled; with none named, of every kind but the
    /// daily bulletin's (every test that crosses 08:00 China time has one; the bulletin tests read its texts instead).
    /// </summary>
    public async Task<int> RunFollowUpsAsync(params string[] kinds)
    {
        var swept = await InvokeAsync("SweepFollowUps");
        Assert.True(swept.Succeeded, swept.FailureMessage);
        var handled = 0;
        for (var batch = (await Storage.DueFollowUps.ReceiveMessagesAsync(32)).Value; batch.Length > 0; batch = (await Storage.DueFollowUps.ReceiveMessagesAsync(32)).Value)
        {
            foreach (var message in batch)
            {
                var run = await InvokeAsync("RunFollowUp", message.Body.ToString());
                Assert.True(run.Succeeded, run.FailureMessage);
                await Storage.DueFollowUps.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                var kind = JsonDocument.Parse(message.Body.ToString()).RootElement.GetProperty("kind").GetString() ?? "";
                if (kinds.Length == 0 ? !kind.StartsWith("bulletin", StringComparison.Ordinal) : kinds.Contains(kind))
                {
                    handled++;
                }
            }
        }

        return handled;
    }

    /// <summary>Names warnings this test provokes on purpose (each a part of the logged line).</summary>
    public void ExpectWarnings(params string[] expected) => _expectedWarnings.AddRange(expected);

    /// <summary>Fails when the app logged a warning or an error that <paramref name="expected"/> (or an earlier ExpectWarnings) does not name.</summary>
    public void AssertNoUnexpectedWarnings(params string[] expected)
    {
        ExpectWarnings(expected);
        var unexpected = UnexpectedWarnings();
        Assert.True(unexpected.Count == 0, "Unexpected warnings:\n" + string.Join("\n", unexpected));
    }

    public void Dispose()
    {
        if (_started.IsValueCreated)
        {
            Task.Run(async () => await _started.Value.Host.DisposeAsync()).GetAwaiter().GetResult();

            // Checked after the host has stopped, so nothing logged at the end of a test escapes.
            var unexpected = UnexpectedWarnings();
            if (unexpected.Count > 0)
            {
                throw new InvalidOperationException("The app logged warnings the test did not expect (name them with ExpectWarnings):\n" + string.Join("\n", unexpected));
            }
        }

        Logs.Dispose();
    }

    private List<string> UnexpectedWarnings() =>
        [.. Logs.Warnings.Select(e => e.ToString()).Where(line => !_expectedWarnings.Any(x => line.Contains(x, StringComparison.Ordinal))).Distinct()];

    private async Task<(LocalFunctionsHost, IServiceProvider)> StartAsync()
    {
        var launcher = new InProcessWorkerLauncher(ConfigureWorker);
        var host = await LocalFunctionsHost.StartAsync(new LocalFunctionsHostOptions
        {
            AppDirectory = AppContext.BaseDirectory,
            HttpPort = 0,
            StorageConnectionString = _azurite.ConnectionString,
            Settings = _settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value, StringComparer.OrdinalIgnoreCase),
            RunQueueListeners = false,
            RunTimers = false,
            WorkerLauncher = launcher,
            LoggerProvider = Logs,
            RepositoryRoot = RepositoryPaths.Root,
            Time = Clock,
        }, CancellationToken.None);
        return (host, launcher.Services ?? throw new InvalidOperationException("The host started without starting the worker."));
    }

    private void ConfigureWorker(FunctionsApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TimeProvider>(Clock);

        // The app's own table client, built from the same connection, with the recorder in its pipeline.
        builder.Services.AddSingleton(sp =>
        {
            var options = new TableClientOptions();
            options.AddPolicy(TableRequests, HttpPipelinePosition.PerCall);
            return sp.GetRequiredService<StorageConnection>().CreateTableServiceClient(options);
        });
        _services?.Invoke(builder.Services);
        builder.Logging.SetMinimumLevel(LogLevel.Information).AddProvider(Logs);
    }
}
