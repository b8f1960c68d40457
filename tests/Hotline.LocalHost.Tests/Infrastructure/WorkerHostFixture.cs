using Hotline.Testing;

namespace Hotline.LocalHost.Tests.Infrastructure;

/// <summary>One Azurite and one local host driving one test worker process, shared by a test class.</summary>
public class WorkerHostFixture : IAsyncLifetime
{
    private AzuriteInstance? azurite;
    private LocalFunctionsHost? host;

    public RecordingLoggerProvider Logs { get; } = new();

    public Dictionary<string, string?> Settings { get; private set; } = [];

    public LocalFunctionsHost Host => host ?? throw new InvalidOperationException("Not started.");

    public AzuriteInstance Azurite => azurite ?? throw new InvalidOperationException("Not started.");

    public HttpClient Client { get; private set; } = new();

    protected virtual bool RunQueueListeners => true;

    protected virtual bool RunTimers => false;

    protected virtual string TimerSchedule => "0 0 0 1 1 *";

    protected virtual string SlowTimerSchedule => "0 0 0 1 1 *";

    /// <summary>Where the start-up banner goes (null: none).</summary>
    protected virtual TextWriter? BannerWriter => null;

    /// <summary>App settings a fixture adds to the test worker's own.</summary>
    protected virtual void AddSettings(Dictionary<string, string?> settings)
    {
    }

    public async Task InitializeAsync()
    {
        Settings = TestWorkerApp.Settings(TimerSchedule, SlowTimerSchedule);
        AddSettings(Settings);
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
                BannerWriter = BannerWriter,
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
