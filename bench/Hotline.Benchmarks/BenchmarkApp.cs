using Hotline.Testing;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hotline.Benchmarks;

/// <summary>
/// The real app's services on an Azurite of the benchmark's own, started the way the worker starts them but without
/// the worker's gRPC client (that needs a Functions host): only the app's own start-up work (tables and queues) runs.
/// </summary>
internal sealed class BenchmarkApp : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _directoryPath;
    private readonly IAsyncDisposable? _storage;

    private BenchmarkApp(IHost host, string directoryPath, IAsyncDisposable? storage)
    {
        _host = host;
        _directoryPath = directoryPath;
        _storage = storage;
    }

    public IServiceProvider Services => _host.Services;

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <param name="services">Registrations made after the app's own, so they replace them (a recording storage client, a clock).</param>
    /// <param name="tableDatabase">A table database for its Azurite to start from (<see cref="AzuriteInstance.StartAsync"/>).</param>
    public static async Task<BenchmarkApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string? tableDatabase = null)
    {
        var azurite = await AzuriteInstance.StartAsync(tableDatabase);
        try
        {
            return await StartAsync(azurite.ConnectionString, azurite, settings, services);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>The app on storage someone else started; <paramref name="owned"/> is disposed with the app (a clean-up).</summary>
    public static Task<BenchmarkApp> StartOnAsync(string connectionString, IReadOnlyDictionary<string, string?>? settings = null, IAsyncDisposable? owned = null) =>
        StartAsync(connectionString, owned, settings, services: null);

    private static async Task<BenchmarkApp> StartAsync(string connectionString, IAsyncDisposable? storage, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? services)
    {
        var directoryPath = Path.Combine(Path.GetTempPath(), $"hotline-bench-directory-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(directoryPath, BenchmarkDirectory.Json);

        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["Hotline:Routing:DirectoryPath"] = directoryPath,
            ["Hotline:Routing:DefaultUnitId"] = "city",
            ["Hotline:Sms:Provider"] = "Outbox",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddHotline();
        services?.Invoke(builder.Services);
        var host = builder.Build();

        // Made from their registrations, so the worker's own hosted services are never built.
        var startUp = builder.Services
            .Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == typeof(HotlineApplication).Assembly)
            .Select(d => (IHostedService)ActivatorUtilities.CreateInstance(host.Services, d.ImplementationType!));
        foreach (var service in startUp)
        {
            await service.StartAsync(default);
        }

        return new BenchmarkApp(host, directoryPath, storage);
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        File.Delete(_directoryPath);
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
    }
}
