using System.Net;
using System.Net.Sockets;
using Hotline.LocalHost;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hotline.Tests.Infrastructure;

/// <summary>
/// Starts the real worker (<see cref="HotlineWorker.CreateBuilder"/>: the app's services, middleware and the
/// ASP.NET Core integration) inside the test process, so a test can replace services and read the app's stores.
/// The local host drives it over gRPC exactly as it drives the worker process.
/// </summary>
public sealed class InProcessWorkerLauncher(Action<FunctionsApplicationBuilder> configure) : IWorkerLauncher
{
    private static readonly object EnvironmentLock = new();

    private static readonly Dictionary<string, string> HostSwitches = new()
    {
        ["--functions-uri"] = "Functions:Worker:HostEndpoint",
        ["--functions-worker-id"] = "Functions:Worker:WorkerId",
        ["--functions-request-id"] = "Functions:Worker:RequestId",
        ["--functions-grpc-max-message-length"] = "Functions:Worker:GrpcMaxMessageLength",
    };

    /// <summary>The services of the worker started last (a restarted worker replaces them).</summary>
    public IServiceProvider? Services { get; private set; }

    public async Task<IAsyncDisposable> StartAsync(WorkerStartInfo start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        lock (EnvironmentLock)
        {
            // The worker reads this one from the process environment, not from its configuration. Every worker in
            // this process serves the same app, loaded from the test's own output (where Hotline.dll was loaded
            // from, so the worker finds the very assembly already in memory).
            Environment.SetEnvironmentVariable("FUNCTIONS_APPLICATION_DIRECTORY", AppContext.BaseDirectory);
            Environment.SetEnvironmentVariable("FUNCTIONS_WORKER_DIRECTORY", AppContext.BaseDirectory);
        }

        var builder = HotlineWorker.CreateBuilder([.. start.Arguments]);

        // A worker process maps the host's --functions-* switches from its own command line; here the process's
        // command line is the test runner's, so the switches are mapped from the start arguments.
        builder.Configuration.AddCommandLine([.. start.Arguments], HostSwitches);

        // What the host puts in the worker's environment (app settings, AzureWebJobsStorage) reaches this worker as
        // configuration, named as environment variables are (Hotline__Storage__TablePrefix).
        builder.Configuration.AddInMemoryCollection(start.Environment
            .Where(e => e.Key != "FUNCTIONS_APPLICATION_DIRECTORY" && e.Key != "FUNCTIONS_WORKER_DIRECTORY")
            .Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value)));
        OwnHttpListener(builder);
        configure(builder);

        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        Services = host.Services;
        return new Running(host);
    }

    /// <summary>
    /// The ASP.NET Core integration picks its listener's port once per process (a static) and advertises it as the
    /// worker's HttpUri. Workers of parallel test classes would all bind that one port; each gets its own here, the
    /// same way (a free port, then Kestrel on it, advertised to the host).
    /// </summary>
    private static void OwnHttpListener(FunctionsApplicationBuilder builder)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.PostConfigure<WorkerOptions>(worker => worker.Capabilities["HttpUri"] = $"http://127.0.0.1:{port}/");
    }

    private sealed class Running(IHost host) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await host.StopAsync(stop.Token);
            }
            finally
            {
                host.Dispose();
            }
        }
    }
}
