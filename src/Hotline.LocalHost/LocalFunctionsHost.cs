using System.Diagnostics;
using System.Globalization;
using System.Net;
using Hotline.LocalHost.Clock;
using Hotline.LocalHost.Configuration;
using Hotline.LocalHost.Functions;
using Hotline.LocalHost.Http;
using Hotline.LocalHost.Invocation;
using Hotline.LocalHost.Queues;
using Hotline.LocalHost.Rpc;
using Hotline.LocalHost.Startup;
using Hotline.LocalHost.Storage;
using Hotline.LocalHost.Timers;
using Hotline.LocalHost.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost;

/// <summary>
/// Runs an isolated-worker Functions app the way the Functions host does, for local development and tests: starts the
/// real worker process (from worker.config.json) and drives it over the worker gRPC protocol, serves its HTTP
/// functions on 127.0.0.1, polls its queue triggers, fires its timers and writes its queue outputs, against Azurite
/// unless a storage connection is configured. A dev tool: in Azure the Functions host drives the same worker.
/// </summary>
public sealed partial class LocalFunctionsHost : IAsyncDisposable
{
    private const string MaxMessageLength = "2147483647";

    private readonly LocalFunctionsHostOptions options;
    private readonly ILoggerFactory loggerFactory;
    private readonly bool ownsLoggerFactory;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> listenerTasks = [];
    private readonly Dictionary<string, TimerTriggerListener> timers = new(StringComparer.OrdinalIgnoreCase);
    private readonly InvocationTracker tracker = new();
    private readonly object gate = new();

    private HostConfiguration? hostConfiguration;
    private AppSettings? settings;
    private MovedClock? movedClock;
    private TimeProvider time = TimeProvider.System;
    private AzuriteServer? azurite;
    private Task? azuriteWatch;
    private WebApplication? grpcServer;
    private WebApplication? frontDoor;
    private WorkerSupervisor? supervisor;
    private FunctionInvoker? invoker;
    private ManualInvocations? manual;
    private HttpFunctionForwarder? forwarder;
    private FunctionEndpointDataSource? endpoints;
    private string storageConnectionString = string.Empty;
    private string storageDescription = string.Empty;
    private string keysWhere = "generated for this run";
    private bool listenersStarted;
    private int stopRequested;

    private LocalFunctionsHost(LocalFunctionsHostOptions options, ILoggerFactory loggerFactory, bool ownsLoggerFactory)
    {
        this.options = options;
        this.loggerFactory = loggerFactory;
        this.ownsLoggerFactory = ownsLoggerFactory;
        logger = loggerFactory.CreateLogger<LocalFunctionsHost>();
    }

    /// <summary>Where the HTTP functions and the admin API listen, e.g. http://127.0.0.1:7071/.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public string MasterKey => Keys.MasterKey;

    public string FunctionKey => Keys.FunctionKey;

    /// <summary>The functions of the last worker that completed its handshake (empty if none has yet).</summary>
    public IReadOnlyList<FunctionInfo> Functions => Catalog?.Functions.Select(f => f.Info).ToList() ?? [];

    /// <summary>Null while a worker is in service, else why not (e.g. its exit code and last stderr lines).</summary>
    public string? WorkerError => supervisor?.Current is null ? supervisor?.Status : null;

    /// <summary>The storage the triggers and outputs use and the worker gets as AzureWebJobsStorage.</summary>
    public string StorageConnectionString => storageConnectionString;

    /// <summary>Completes when the host has stopped.</summary>
    public Task Completion => completion.Task;

    internal FunctionKeys Keys { get; private set; } = FunctionKeys.Generate();

    internal FunctionCatalog? Catalog { get; private set; }

    /// <summary>The local run's moved clock; null without <c>Hotline__Clock__StartAt</c>.</summary>
    internal MovedClock? MovedClock => movedClock;

    /// <summary>The timer listeners by function name (filled when the first worker is ready).</summary>
    internal IReadOnlyDictionary<string, TimerTriggerListener> Timers => timers;

    internal WorkerSupervisor Supervisor => supervisor ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>Starts storage, the gRPC endpoint, the worker and the HTTP front door; returns once the first worker is
    /// ready or has failed to start (then <see cref="WorkerError"/> says why, HTTP answers 503, and it is retried).</summary>
    public static Task<LocalFunctionsHost> StartAsync(LocalFunctionsHostOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool own = true;
        ILoggerFactory factory = LoggerFactory.Create(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning).AddFilter("Grpc", LogLevel.Warning);
            if (options.LoggerProvider is { } provider)
            {
                logging.AddProvider(new NonDisposingLoggerProvider(provider));
            }
            else
            {
                logging.AddSimpleConsole(console => console.SingleLine = true);
            }
        });
        return StartAsync(options, factory, own, cancellationToken);
    }

    internal static async Task<LocalFunctionsHost> StartAsync(LocalFunctionsHostOptions options, ILoggerFactory loggerFactory, bool ownsLoggerFactory, CancellationToken cancellationToken)
    {
        var host = new LocalFunctionsHost(options, loggerFactory, ownsLoggerFactory);
        try
        {
            await host.StartCoreAsync(cancellationToken);
            return host;
        }
        catch
        {
            // Whatever started (Azurite, the worker) must not outlive a failed start.
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs a queue function with <paramref name="queueMessageText"/> as its message (no queue involved), or a timer
    /// function (text null), over gRPC, and writes its outputs; returns how it ended.
    /// </summary>
    public async Task<InvocationOutcome> InvokeAsync(string functionName, string? queueMessageText, CancellationToken cancellationToken)
    {
        if (supervisor?.Current is not { } worker || manual is null)
        {
            return InvocationOutcome.Failure(string.Empty, supervisor?.Status ?? "The host has not started.");
        }

        WorkerFunction function = worker.Catalog.Find(functionName)
            ?? throw new ArgumentException($"There is no function '{functionName}'.", nameof(functionName));
        return await manual.InvokeAsync(function, queueMessageText, cancellationToken);
    }

    /// <summary>Stops pollers and timers, waits (bounded) for invocations in flight, then stops the worker, the servers and Azurite.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref stopRequested, 1) == 1)
        {
            await completion.Task;
            return;
        }

        Log.Stopping(logger);
        await stopping.CancelAsync();
        using var serverStop = new CancellationTokenSource(options.ShutdownTimeout);
        Task frontStopped = frontDoor?.StopAsync(serverStop.Token) ?? Task.CompletedTask;
        if (!await tracker.DrainAsync(options.ShutdownTimeout))
        {
            Log.DrainTimedOut(logger, options.ShutdownTimeout.TotalSeconds);
        }

        await Task.WhenAll(listenerTasks);
        await frontStopped;
        if (supervisor is not null)
        {
            await supervisor.DisposeAsync();
        }

        if (grpcServer is not null)
        {
            await grpcServer.StopAsync(serverStop.Token);
            await grpcServer.DisposeAsync();
        }

        if (frontDoor is not null)
        {
            await frontDoor.DisposeAsync();
        }

        if (azuriteWatch is not null)
        {
            await azuriteWatch;
        }

        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }

        foreach (TimerTriggerListener timer in timers.Values)
        {
            timer.Dispose();
        }

        movedClock?.Dispose();

        forwarder?.Dispose();
        tracker.Dispose();
        Log.Stopped(logger);
        if (ownsLoggerFactory)
        {
            loggerFactory.Dispose();
        }

        stopping.Dispose();
        completion.TrySetResult();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        IReadOnlyList<string> problems = options.Validate();
        if (problems.Count > 0)
        {
            throw FunctionsConfigurationException.FromProblems(problems);
        }

        string appDirectory = Path.GetFullPath(options.AppDirectory);
        string? repositoryRoot = options.RepositoryRoot ?? RepositoryRoot.Find(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
        WorkerConfig? workerConfig = options.WorkerLauncher is null ? WorkerConfig.Read(appDirectory) : null;
        HostConfiguration host = HostJsonReader.Read(appDirectory);
        hostConfiguration = host;
        (IReadOnlyList<KeyValuePair<string, string>> localValues, string? localSettingsPath) =
            LocalSettingsFile.Read([appDirectory, .. repositoryRoot is null ? Array.Empty<string>() : [repositoryRoot]]);
        AppSettings appSettings = AppSettings.FromEnvironment(localValues, options.Settings);
        settings = appSettings;
        movedClock = MovedClock.FromSettings(appSettings, options.Time);
        time = movedClock ?? options.Time;
        Log.Loaded(logger, appDirectory, localSettingsPath ?? "none");
        if (options.KeysPath is { } keysPath)
        {
            Keys = FunctionKeyStore.LoadOrCreate(keysPath);
            keysWhere = "kept in " + keysPath;
        }

        await StartStorageAsync(appSettings, repositoryRoot, cancellationToken);
        var storage = new QueueStorage(storageConnectionString, appSettings);
        var outputs = new OutputBindingWriter(storage, host.Queues.Base64Encoding);

        IWorkerLauncher launcher = options.WorkerLauncher ?? new ProcessWorkerLauncher(workerConfig!, loggerFactory.CreateLogger<ProcessWorkerLauncher>());
        supervisor = new WorkerSupervisor(
            appDirectory,
            launcher,
            workerId => StartInfo(appDirectory, workerId, appSettings),
            metadata => FunctionCatalog.Build(metadata.FunctionMetadataResults, host, appSettings),
            options.WorkerStartTimeout,
            loggerFactory);
        grpcServer = await StartGrpcServerAsync(supervisor, cancellationToken);

        invoker = new FunctionInvoker(supervisor, outputs, tracker, host.FunctionTimeout, loggerFactory.CreateLogger<FunctionInvoker>());
        manual = new ManualInvocations(invoker, timers, time);
        forwarder = new HttpFunctionForwarder(supervisor, Keys, outputs, tracker, host.FunctionTimeout, loggerFactory.CreateLogger<HttpFunctionForwarder>());
        endpoints = new FunctionEndpointDataSource(forwarder.HandleAsync);
        frontDoor = await StartFrontDoorAsync(cancellationToken);

        supervisor.Ready += worker => OnWorkerReady(worker, storage);
        await supervisor.StartAsync(cancellationToken);
        if (supervisor.Current is null)
        {
            Log.StartedWithoutWorker(logger, BaseAddress, supervisor.Status);
        }

        Log.HostStarted(logger, BaseAddress, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>The arguments and environment the Functions host gives a dotnet-isolated worker.</summary>
    private WorkerStartInfo StartInfo(string appDirectory, string workerId, AppSettings appSettings)
    {
        string requestId = Guid.NewGuid().ToString();
        Uri grpc = GrpcAddress();
        string port = grpc.Port.ToString(CultureInfo.InvariantCulture);
        string[] arguments =
        [
            "--host", "127.0.0.1", "--port", port, "--workerId", workerId, "--requestId", requestId, "--grpcMaxMessageLength", MaxMessageLength,
            "--functions-uri", grpc.ToString(), "--functions-worker-id", workerId, "--functions-request-id", requestId,
            "--functions-grpc-max-message-length", MaxMessageLength,
        ];
        var environment = new Dictionary<string, string?>(appSettings.Exported, StringComparer.OrdinalIgnoreCase)
        {
            ["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory,
            ["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory,
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = appSettings["AZURE_FUNCTIONS_ENVIRONMENT"] ?? "Development",

            // The worker's own Kestrel picks its port; inherited ASP.NET Core URLs must not move it.
            ["ASPNETCORE_URLS"] = null,
            ["ASPNETCORE_HTTP_PORTS"] = null,

            // Only the local host sets it (Azure never does): the app refuses Hotline__Clock__StartAt without it.
            [MovedClock.FileVariable] = movedClock?.FilePath,
        };
        return new WorkerStartInfo(arguments, environment, appDirectory) { WorkerId = workerId };
    }

    private Uri GrpcAddress()
    {
        string address = grpcServer!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    private void OnWorkerReady(ReadyWorker worker, QueueStorage storage)
    {
        Catalog = worker.Catalog;
        endpoints!.Update(worker.Catalog);
        lock (gate)
        {
            if (listenersStarted || stopping.IsCancellationRequested)
            {
                return;
            }

            listenersStarted = true;
            foreach (WorkerFunction function in worker.Catalog.Functions.Where(f => !f.Disabled))
            {
                if (function.Info.Trigger == FunctionTriggerKind.Timer)
                {
                    var timer = new TimerTriggerListener(function, invoker!, time, loggerFactory.CreateLogger<TimerTriggerListener>());
                    timers[function.Name] = timer;
                    if (options.RunTimers)
                    {
                        listenerTasks.Add(Task.Run(() => timer.RunAsync(stopping.Token), CancellationToken.None));
                    }
                }
                else if (function.Info.Trigger == FunctionTriggerKind.Queue && options.RunQueueListeners)
                {
                    var listener = new QueueTriggerListener(function, hostConfiguration!.Queues, storage, invoker!, time, loggerFactory.CreateLogger<QueueTriggerListener>());
                    listenerTasks.Add(Task.Run(() => listener.RunAsync(stopping.Token), CancellationToken.None));
                }
            }

            if (options.BannerWriter is { } banner)
            {
                StartupBanner.Write(banner, worker.Catalog.Functions, hostConfiguration!, BaseAddress, Keys, keysWhere, storageDescription, timers, movedClock);
            }
        }
    }

    private async Task StartStorageAsync(AppSettings appSettings, string? repositoryRoot, CancellationToken cancellationToken)
    {
        string? configured = options.StorageConnectionString ?? appSettings[QueueStorage.HostConnectionName];
        bool development = string.Equals(configured?.Replace(" ", string.Empty, StringComparison.Ordinal), "UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(configured) && (!development || await AzuriteServer.DefaultPortsInUseAsync(cancellationToken)))
        {
            storageConnectionString = configured;
            storageDescription = development ? "UseDevelopmentStorage=true (an emulator already running)" : "the configured connection string";
            return;
        }

        if (repositoryRoot is null)
        {
            throw new FunctionsConfigurationException("No storage connection is configured and no Hotline.sln was found to start Azurite from its npm lock: set StorageConnectionString.");
        }

        azurite = await AzuriteServer.StartAsync(repositoryRoot, Path.Combine(repositoryRoot, ".azurite"), loggerFactory.CreateLogger<AzuriteServer>(), cancellationToken);
        storageConnectionString = azurite.ConnectionString;
        storageDescription = string.Create(CultureInfo.InvariantCulture, $"Azurite (blob {azurite.BlobPort}, queue {azurite.QueuePort}, table {azurite.TablePort}), data in {azurite.DataDirectory}");
        azuriteWatch = Task.Run(() => KeepAzuriteRunningAsync(repositoryRoot, stopping.Token), CancellationToken.None);
    }

    /// <summary>An Azurite that exits is started again on its ports; meanwhile pollers back off and outputs answer 503.</summary>
    private async Task KeepAzuriteRunningAsync(string repositoryRoot, CancellationToken stop)
    {
        int attempt = 0;
        while (!stop.IsCancellationRequested && azurite is { } current)
        {
            try
            {
                int code = await current.Exited.WaitAsync(stop);
                Log.AzuriteExited(logger, code);
                await current.DisposeAsync();
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, attempt++))), stop);
                azurite = await AzuriteServer.StartAsync(repositoryRoot, current.DataDirectory, loggerFactory.CreateLogger<AzuriteServer>(), stop, current.Ports);
                attempt = 0;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or IOException)
            {
                Log.AzuriteRestartFailed(logger, exception.Message);
            }
        }
    }

    private async Task<WebApplication> StartGrpcServerAsync(WorkerSupervisor workerSupervisor, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });

        // The worker dials without TLS (h2c): an HTTP/1-and-2 endpoint would fall back to HTTP/1.1 and the worker dies.
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddSingleton<IHostLifetime, ExternallyControlledLifetime>();
        builder.Services.AddSingleton(workerSupervisor);
        builder.Services.AddGrpc(grpc =>
        {
            // The defaults (4 MB) would cut off large HTTP bodies and queue messages.
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
        });
        WebApplication application = builder.Build();
        application.MapGrpcService<FunctionRpcService>();
        await application.StartAsync(cancellationToken);
        return application;
    }

    private async Task<WebApplication> StartFrontDoorAsync(CancellationToken cancellationToken)
    {
        // The empty builder reads no appsettings.json or ASPNETCORE_* variables: nothing but these lines decides
        // where the local host listens.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);

            // The Functions front end accepts request bodies up to 100 MB.
            kestrel.Limits.MaxRequestBodySize = 100 * 1024 * 1024;
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddSingleton<IHostLifetime, ExternallyControlledLifetime>();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, LocalHostJsonContext.Default));

        WebApplication application = builder.Build();
        application.UseStatusCodePages();
        application.UseRouting();
        application.MapAdminEndpoints(supervisor!, Keys, manual!, tracker);
        application.MapClockEndpoints(Keys, movedClock, time, loggerFactory.CreateLogger<MovedClock>());
        ((IEndpointRouteBuilder)application).DataSources.Add(endpoints!);
        application.MapFallback("{*path}", context => supervisor!.Current is null
            ? Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Functions worker not running", supervisor.Status)
            : Problems.WriteAsync(context, StatusCodes.Status404NotFound, "Not found", "No function answers this path and method."));
        await application.StartAsync(cancellationToken);
        string address = application.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return application;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Loaded {AppDirectory} (local settings: {LocalSettings})")]
        public static partial void Loaded(ILogger logger, string appDirectory, string localSettings);

        [LoggerMessage(3, LogLevel.Information, "Host started on {BaseAddress} ({ElapsedMs} ms)")]
        public static partial void HostStarted(ILogger logger, Uri baseAddress, long elapsedMs);

        [LoggerMessage(4, LogLevel.Information, "Stopping the host")]
        public static partial void Stopping(ILogger logger);

        [LoggerMessage(5, LogLevel.Warning, "Invocations still running after {Seconds} s were cancelled")]
        public static partial void DrainTimedOut(ILogger logger, double seconds);

        [LoggerMessage(6, LogLevel.Information, "Host stopped")]
        public static partial void Stopped(ILogger logger);

        [LoggerMessage(7, LogLevel.Error, "Azurite exited (code {ExitCode}); starting it again on its ports")]
        public static partial void AzuriteExited(ILogger logger, int exitCode);

        [LoggerMessage(8, LogLevel.Error, "Starting Azurite again failed: {Error}")]
        public static partial void AzuriteRestartFailed(ILogger logger, string error);

        [LoggerMessage(9, LogLevel.Error, "Serving on {BaseAddress} without a worker (HTTP answers 503 until one starts): {Status}")]
        public static partial void StartedWithoutWorker(ILogger logger, Uri baseAddress, string status);
    }
}
