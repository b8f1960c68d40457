using System.Net;
using Hotline.Testing;

namespace Hotline.LocalHost.Tests.Worker;

/// <summary>Neither Ctrl+C nor kill -9 of the local host leaves its worker running.</summary>
public sealed class NoOrphanTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>
{
    [Fact]
    public async Task Kill_9_of_the_host_takes_its_worker_down_too()
    {
        await using LocalHostProcess host = await LocalHostProcess.StartAsync(azurite.ConnectionString, TestWorkerApp.Settings());
        int worker = Assert.Single(host.WorkerProcessIds());
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/echo/alive")).StatusCode);

        host.Signal("KILL");

        await Eventually.UntilAsync(() => !LocalHostProcess.IsRunning(worker), "the orphaned worker to be killed", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Ctrl_c_stops_the_host_and_its_worker_and_exits_0()
    {
        await using LocalHostProcess host = await LocalHostProcess.StartAsync(azurite.ConnectionString, TestWorkerApp.Settings());
        int worker = Assert.Single(host.WorkerProcessIds());

        host.Signal("INT");

        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(LocalHostProcess.IsRunning(worker), host.Output);
        Assert.Contains("Host stopped", host.Output, StringComparison.Ordinal);
    }
}
