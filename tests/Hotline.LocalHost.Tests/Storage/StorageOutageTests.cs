using System.Net;
using Azure.Storage.Queues;
using Hotline.LocalHost.Storage;
using Hotline.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.LocalHost.Tests.Storage;

/// <summary>Azurite going away and coming back: the host keeps serving, answers 503 where storage is needed, and polling resumes.</summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task Storage_gone_gives_503_problems_and_backed_off_polling_and_both_recover_when_it_returns()
    {
        using TempDirectory data = TempDirectory.Create();
        AzuriteServer azurite = await AzuriteServer.StartAsync(RepositoryPaths.Root, data.Path, NullLogger.Instance, CancellationToken.None, ports: [FreePort(), FreePort(), FreePort()]);
        int[] ports = azurite.Ports;
        string connection = azurite.ConnectionString;
        var logs = new RecordingLoggerProvider();
        Dictionary<string, string?> settings = TestWorkerApp.Settings();
        try
        {
            await using LocalFunctionsHost host = await LocalFunctionsHost.StartAsync(
                new LocalFunctionsHostOptions { AppDirectory = TestWorkerApp.Directory, StorageConnectionString = connection, Settings = settings, LoggerProvider = logs },
                CancellationToken.None);
            using var client = new HttpClient { BaseAddress = host.BaseAddress };
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/enqueue", new StringContent("before"))).StatusCode);

            await azurite.DisposeAsync();
            using HttpResponseMessage during = await client.PostAsync("/enqueue", new StringContent("during"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
            Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/echo/still-serving")).StatusCode);
            await logs.LineAsync("failed, backing off until storage answers");

            azurite = await AzuriteServer.StartAsync(RepositoryPaths.Root, data.Path, NullLogger.Instance, CancellationToken.None, ports);
            await Eventually.UntilAsync<HttpStatusCode>(
                async () => (await client.PostAsync("/enqueue", new StringContent("after"))).StatusCode, s => s == HttpStatusCode.Accepted, "outputs to work again", TimeSpan.FromSeconds(30));
            QueueClient orders = TestWorkerApp.Queue(connection, settings["OrdersQueue"]!);
            await orders.SendMessageAsync(TestWorkerApp.Base64("""{"orderId":"Oresumed","quantity":1,"phone":"x"}"""));
            await logs.LineAsync("OrderPlaced Oresumed", TimeSpan.FromSeconds(30));
            Assert.True(logs.Contains("works again"));
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
