using Hotline.LocalHost.Http;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.Tests.Infrastructure;

/// <summary>A started <see cref="LocalFunctionsHost"/> on a free port, over a test app root, a test handler and Azurite.</summary>
internal sealed class LocalHostHarness : IAsyncDisposable
{
    private readonly ILoggerFactory loggerFactory;
    private readonly string keysDirectory;

    private LocalHostHarness(LocalFunctionsHost host, ILoggerFactory loggerFactory, RecordingLoggerProvider logs, StringWriter banner, string keysDirectory)
    {
        Host = host;
        this.loggerFactory = loggerFactory;
        Logs = logs;
        Banner = banner;
        this.keysDirectory = keysDirectory;
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.BaseAddress };
    }

    public LocalFunctionsHost Host { get; }

    public HttpClient Client { get; }

    public RecordingLoggerProvider Logs { get; }

    public StringWriter Banner { get; }

    public FunctionKeys Keys => Host.Keys;

    public static async Task<LocalHostHarness> StartAsync(TestAppRoot appRoot, string storageConnectionString, TestHandler handler, TimeProvider? time = null)
    {
        var logs = new RecordingLoggerProvider();
        ILoggerFactory loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        var banner = new StringWriter();
        string keysDirectory = Directory.CreateTempSubdirectory("hotline-keys-").FullName;
        var host = new LocalFunctionsHost(
            new LocalFunctionsHostOptions
            {
                AppRoot = appRoot.Path,
                Port = 0,
                StorageConnectionString = storageConnectionString,
                HandlerBaseAddress = handler.BaseAddress,
                KeysPath = Path.Combine(keysDirectory, "keys.json"),
                ShutdownTimeout = TimeSpan.FromSeconds(5),
                BannerWriter = banner,
            },
            loggerFactory,
            time);
        try
        {
            await host.StartAsync(CancellationToken.None);
        }
        catch
        {
            await host.DisposeAsync();
            loggerFactory.Dispose();
            throw;
        }

        return new LocalHostHarness(host, loggerFactory, logs, banner, keysDirectory);
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? key = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        loggerFactory.Dispose();
        Banner.Dispose();
        Directory.Delete(keysDirectory, recursive: true);
    }
}
