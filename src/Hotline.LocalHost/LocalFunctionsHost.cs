using System.Diagnostics;
using System.Net;
using Azure.Storage.Queues;
using Hotline.LocalHost.Configuration;
using Hotline.LocalHost.Handler;
using Hotline.LocalHost.Http;
using Hotline.LocalHost.Invocation;
using Hotline.LocalHost.Queues;
using Hotline.LocalHost.Startup;
using Hotline.LocalHost.Storage;
using Hotline.LocalHost.Timers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost;

/// <summary>
/// Runs a Functions app root the way the Functions host does, for local development and tests: reads host.json and
/// the function.json files, provides storage (Azurite unless configured), starts the custom handler, serves the HTTP
/// functions on Kestrel, and polls the queue and timer triggers. A dev tool: in Azure the real host drives the
/// handler, which cannot tell the two apart.
/// </summary>
internal sealed partial class LocalFunctionsHost : IAsyncDisposable
{
    private readonly LocalFunctionsHostOptions options;
    private readonly ILoggerFactory loggerFactory;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> listenerTasks = [];
    private readonly Dictionary<string, TimerTriggerListener> timers = new(StringComparer.OrdinalIgnoreCase);
    private readonly InvocationTracker tracker = new();

    private AzuriteServer? azurite;
    private HandlerProcess? handlerProcess;
    private HandlerClient? handler;
    private WebApplication? web;
    private int stopRequested;

    public LocalFunctionsHost(LocalFunctionsHostOptions options, ILoggerFactory loggerFactory, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        this.options = options;
        this.loggerFactory = loggerFactory;
        this.time = time ?? TimeProvider.System;
        logger = loggerFactory.CreateLogger<LocalFunctionsHost>();
    }

    /// <summary>Where the HTTP functions and the admin API listen, e.g. http://127.0.0.1:7071/.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public FunctionKeys Keys { get; private set; } = FunctionKeys.Generate();

    public FunctionApp? App { get; private set; }

    /// <summary>The storage the triggers use and the handler gets as AzureWebJobsStorage.</summary>
    public string StorageConnectionString { get; private set; } = string.Empty;

    /// <summary>Completes when the host stops; faults when the handler or Azurite exits on its own.</summary>
    public Task Completion => completion.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await StartCoreAsync(cancellationToken);
        }
        catch
        {
            // Whatever started (Azurite, the handler) must not outlive a failed start.
            await StopAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        IReadOnlyList<string> problems = options.Validate();
        if (problems.Count > 0)
        {
            throw FunctionsConfigurationException.FromProblems(problems);
        }

        FunctionApp app = FunctionApp.Load(options.AppRoot, options.RepositoryRoot);
        App = app;
        Log.Loaded(logger, app.AppRoot, app.Catalog.Functions.Count, app.LocalSettingsPath ?? "none");
        ValidateHttpFunctions(app);
        Keys = FunctionKeyStore.LoadOrCreate(options.ResolvedKeysPath);

        string storageDescription = await StartStorageAsync(app, cancellationToken);
        var storage = new StorageAccounts(StorageConnectionString, app.Settings);
        ValidateConnections(app, storage);

        handler = await StartHandlerAsync(app, cancellationToken);
        var outputs = new OutputBindingWriter(storage, app.Host.Queues.MessageEncoding);
        var invoker = new FunctionInvoker(handler, outputs, tracker, loggerFactory.CreateLogger<FunctionInvoker>());
        foreach (FunctionDefinition function in app.Catalog.Functions.Where(f => f.Trigger is TimerTriggerBinding))
        {
            timers[function.Name] = new TimerTriggerListener(function, invoker, time, loggerFactory.CreateLogger<TimerTriggerListener>());
        }

        web = await StartWebAsync(app, new RequestForwarder(handler, loggerFactory.CreateLogger<RequestForwarder>()), new ManualInvocations(timers, invoker, tracker, time), cancellationToken);
        await StartListenersAsync(app, storage, invoker, cancellationToken);
        WatchProcesses();

        StartupBanner.Write(options.BannerWriter ?? Console.Out, app, BaseAddress, Keys, options.ResolvedKeysPath, storageDescription, timers);
        Log.HostStarted(logger, BaseAddress, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Stops pollers and timers, waits (bounded) for invocations in flight, then stops the server, the handler and Azurite.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopRequested, 1) == 1)
        {
            await completion.Task.ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        Log.Stopping(logger);
        await stopping.CancelAsync();
        using var serverStop = new CancellationTokenSource(options.ShutdownTimeout);
        Task serverStopped = web?.StopAsync(serverStop.Token) ?? Task.CompletedTask;
        if (!await tracker.DrainAsync(options.ShutdownTimeout))
        {
            Log.DrainTimedOut(logger, options.ShutdownTimeout.TotalSeconds);
        }

        await Task.WhenAll(listenerTasks);
        await serverStopped;
        if (web is not null)
        {
            await web.DisposeAsync();
        }

        if (handlerProcess is not null)
        {
            await handlerProcess.DisposeAsync();
        }

        handler?.Dispose();
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }

        foreach (TimerTriggerListener timer in timers.Values)
        {
            timer.Dispose();
        }

        Log.Stopped(logger);
        completion.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        tracker.Dispose();
        stopping.Dispose();
    }

    private static void ValidateHttpFunctions(FunctionApp app)
    {
        var problems = new List<string>();
        var routes = new List<(string Function, string Pattern, IReadOnlyList<string> Methods)>();
        foreach (FunctionDefinition function in app.Catalog.Functions)
        {
            if (function.Trigger is not HttpTriggerBinding trigger)
            {
                continue;
            }

            // Two functions on one route and method would make every such request ambiguous; the host refuses them too.
            string pattern = HttpTriggerEndpoints.Pattern(app.Host.RoutePrefix, trigger.Route);
            foreach ((string other, string otherPattern, IReadOnlyList<string> otherMethods) in routes)
            {
                if (string.Equals(pattern, otherPattern, StringComparison.OrdinalIgnoreCase) &&
                    (trigger.Methods.Count == 0 || otherMethods.Count == 0 || trigger.Methods.Intersect(otherMethods).Any()))
                {
                    problems.Add($"{function.Name} and {other} both answer '{pattern}' for the same method.");
                }
            }

            routes.Add((function.Name, pattern, trigger.Methods));

            // Without forwarding (or with extra bindings) the host sends HTTP requests as a JSON envelope, which this
            // local host does not emulate; failing here beats answering differently from Azure.
            if (!app.Host.EnableForwardingHttpRequest || !function.IsHttpInAndOut)
            {
                problems.Add($"{function.Name}: the local host forwards HTTP functions only (customHandler.enableForwardingHttpRequest true, exactly one httpTrigger and one http output).");
            }

            try
            {
                RoutePatternFactory.Parse(pattern);
            }
            catch (RoutePatternException exception)
            {
                problems.Add($"{function.Name}: route '{trigger.Route}' is not a valid route template ({exception.Message}).");
            }
        }

        if (problems.Count > 0)
        {
            throw FunctionsConfigurationException.FromProblems(problems);
        }
    }

    private static void ValidateConnections(FunctionApp app, StorageAccounts storage)
    {
        foreach (FunctionDefinition function in app.Catalog.Functions)
        {
            if (function.Trigger is QueueTriggerBinding queue)
            {
                storage.Account(queue.Connection);
            }

            foreach (OutputBinding output in function.Outputs.Where(o => o.IsQueue))
            {
                storage.Account(output.Connection);
            }
        }
    }

    private async Task<string> StartStorageAsync(FunctionApp app, CancellationToken cancellationToken)
    {
        string? configured = options.StorageConnectionString ?? app.Settings[StorageAccounts.HostConnectionName];
        bool developmentStorage = configured is not null && configured.Replace(" ", string.Empty, StringComparison.Ordinal)
            .Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(configured) && (!developmentStorage || await AzuriteServer.DefaultPortsInUseAsync(cancellationToken)))
        {
            StorageConnectionString = configured;
            var account = new QueueServiceClient(configured);
            return $"account '{account.AccountName}', queues at {account.Uri} (configured)";
        }

        string repositoryRoot = options.RepositoryRoot
            ?? throw new FunctionsConfigurationException("AzureWebJobsStorage is not set and no repository root (Hotline.sln) is known to start Azurite from.");
        azurite = await AzuriteServer.StartAsync(repositoryRoot, options.ResolvedAzuriteDataDirectory, loggerFactory.CreateLogger<AzuriteServer>(), cancellationToken);
        StorageConnectionString = azurite.ConnectionString;
        return $"Azurite started by the local host (blob {azurite.BlobPort}, queue {azurite.QueuePort}, table {azurite.TablePort}), data in {options.ResolvedAzuriteDataDirectory}";
    }

    private async Task<HandlerClient> StartHandlerAsync(FunctionApp app, CancellationToken cancellationToken)
    {
        Uri baseAddress;
        if (options.HandlerBaseAddress is { } existing)
        {
            baseAddress = existing;
        }
        else
        {
            handlerProcess = HandlerProcess.Start(app, StorageConnectionString, loggerFactory.CreateLogger("Handler"));
            baseAddress = new Uri($"http://127.0.0.1:{handlerProcess.Port}/");
        }

        var client = new HandlerClient(baseAddress, app.Host.FunctionTimeout);
        try
        {
            await HandlerReadiness.WaitAsync(client, options.HandlerStartupTimeout, handlerProcess?.Exited, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        Log.HandlerReady(logger, baseAddress);
        return client;
    }

    private async Task<WebApplication> StartWebAsync(FunctionApp app, RequestForwarder forwarder, ManualInvocations manual, CancellationToken cancellationToken)
    {
        // The empty builder reads no appsettings.json or ASPNETCORE_* variables: nothing but these lines decides
        // where the local host listens.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);

            // The Functions front end accepts request bodies up to 100 MB.
            kestrel.Limits.MaxRequestBodySize = 100 * 1024 * 1024;
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, ExternallyControlledLifetime>();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, LocalHostJsonContext.Default));

        WebApplication application = builder.Build();
        application.MapAdminEndpoints(app, Keys, manual);
        application.MapHttpTriggers(app, Keys, forwarder);
        await application.StartAsync(cancellationToken);
        string address = application.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return application;
    }

    private async Task StartListenersAsync(FunctionApp app, StorageAccounts storage, FunctionInvoker invoker, CancellationToken cancellationToken)
    {
        foreach (FunctionDefinition function in app.Catalog.Functions)
        {
            if (function.Trigger is QueueTriggerBinding queue)
            {
                // Created before "Host started" so that the handler and tests can enqueue right away.
                await storage.GetQueue(queue.Connection, queue.QueueName, QueueMessageEncoding.None).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                var listener = new QueueTriggerListener(
                    function,
                    app.Host.Queues,
                    storage.GetQueue(queue.Connection, queue.QueueName, QueueMessageEncoding.None),
                    storage.GetQueue(queue.Connection, queue.PoisonQueueName, QueueMessageEncoding.None),
                    invoker,
                    time,
                    loggerFactory.CreateLogger<QueueTriggerListener>());
                listenerTasks.Add(Task.Run(() => listener.RunAsync(stopping.Token), CancellationToken.None));
            }
        }

        foreach (TimerTriggerListener timer in timers.Values)
        {
            listenerTasks.Add(Task.Run(() => timer.RunAsync(stopping.Token), CancellationToken.None));
        }
    }

    /// <summary>The host cannot work without its handler or its storage: either ending on its own stops the host.</summary>
    private void WatchProcesses()
    {
        Watch(handlerProcess?.Exited, "handler");
        Watch(azurite?.Exited, "Azurite");

        void Watch(Task<int>? exited, string what)
        {
            exited?.ContinueWith(
                task =>
                {
                    if (!stopping.IsCancellationRequested)
                    {
                        Log.ProcessExited(logger, what, task.Result);
                        completion.TrySetException(new InvalidOperationException($"The {what} exited with code {task.Result}."));
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion,
                TaskScheduler.Default);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Loaded {AppRoot}: {FunctionCount} functions (local settings: {LocalSettings})")]
        public static partial void Loaded(ILogger logger, string appRoot, int functionCount, string localSettings);

        [LoggerMessage(2, LogLevel.Information, "Handler ready at {BaseAddress}")]
        public static partial void HandlerReady(ILogger logger, Uri baseAddress);

        [LoggerMessage(3, LogLevel.Information, "Host started on {BaseAddress} ({ElapsedMs} ms)")]
        public static partial void HostStarted(ILogger logger, Uri baseAddress, long elapsedMs);

        [LoggerMessage(4, LogLevel.Information, "Stopping the host")]
        public static partial void Stopping(ILogger logger);

        [LoggerMessage(5, LogLevel.Warning, "Invocations still running after {Seconds} s were cancelled")]
        public static partial void DrainTimedOut(ILogger logger, double seconds);

        [LoggerMessage(6, LogLevel.Information, "Host stopped")]
        public static partial void Stopped(ILogger logger);

        [LoggerMessage(7, LogLevel.Critical, "The {What} exited on its own (code {ExitCode}); stopping the host")]
        public static partial void ProcessExited(ILogger logger, string what, int exitCode);
    }
}
