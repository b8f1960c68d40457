using Hotline.Testing;

namespace Hotline.LocalHost.Tests.Infrastructure;

/// <summary>One Azurite and one local host driving one test worker process, shared by a test class.</summary>
public class WorkerHostFixture : IAsyncLifetime
{
    private AzuriteInstance? azurite;
    private LocalFunctionsHost? host;

    public RecordingLoggerProvider Logs { get; } = new();

    public Dictionary<string, string?> Settings { get; } = TestWorkerApp.Settings();

    public LocalFunctionsHost Host => host ?? throw new InvalidOperationException("Not started.");

    public AzuriteInstance Azurite => azurite ?? throw new InvalidOperationException("Not started.");

    public HttpClient Client { get; private set; } = new();

    protected virtual bool RunQueueListeners => true;

    protected virtual bool RunTimers => false;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteInstance.StartAsync();
        host = await LocalFunctionsHost.StartAsync(
            new LocalFunctionsHostOptions
            {
                AppDirectory = TestWorkerApp.Directory,
                StorageConnectionString = azurite.ConnectionString,
                Settings = Settings,
                RunQueueListeners = RunQueueListeners,
                RunTimers = RunTimers,
                LoggerProvider = Logs,
            },
            CancellationToken.None);
        Client = new HttpClient { BaseAddress = host.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (azurite is not null)
        {
            await ((IAsyncDisposable)azurite).DisposeAsync();
        }
    }
}
