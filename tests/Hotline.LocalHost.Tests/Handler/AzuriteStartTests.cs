using Hotline.LocalHost.Processes;
using Azure.Storage.Queues;
using Hotline.Testing;
using Microsoft.Extensions.Logging;

namespace Hotline.LocalHost.Tests.Handler;

public sealed class AzuriteStartTests
{
    [Fact]
    public async Task Without_configured_storage_the_host_runs_azurite_with_disk_persistence_and_stops_it()
    {
        using TestAppRoot app = TestAppRoot.Create(TestAppRoot.HostJson(), ("RouteCase", TestAppRoot.QueueFunction("case-routing")));
        await using TestHandler handler = await TestHandler.StartAsync();
        using ILoggerFactory loggerFactory = LoggerFactory.Create(_ => { });
        string data = Path.Combine(app.Path, ".azurite");
        var host = new LocalFunctionsHost(
            new LocalFunctionsHostOptions
            {
                AppRoot = app.Path,
                RepositoryRoot = RepositoryPaths.Root,
                Port = 0,
                HandlerBaseAddress = handler.BaseAddress,
                AzuriteDataDirectory = data,
                KeysPath = Path.Combine(app.Path, ".local", "keys.json"),
                BannerWriter = TextWriter.Null,
            },
            loggerFactory);
        int queuePort;
        try
        {
            await host.StartAsync(CancellationToken.None);
            var account = new QueueServiceClient(host.StorageConnectionString);
            queuePort = account.Uri.Port;
            Assert.Equal("127.0.0.1", account.Uri.Host);

            // The trigger's queue exists in the host's Azurite, and the data lands in the data folder.
            Assert.Equal(0, (await account.GetQueueClient("case-routing").GetPropertiesAsync()).Value.ApproximateMessagesCount);
            Assert.NotEmpty(Directory.EnumerateFiles(data));
        }
        finally
        {
            await host.DisposeAsync();
        }

        Assert.False(await TcpPorts.AcceptsConnectionsAsync(queuePort, CancellationToken.None));
    }
}
