using System.Net;

namespace Hotline.LocalHost.Tests.Worker;

/// <summary>A worker that dies is replaced by a new one (new handshake) and HTTP works again.</summary>
public sealed class WorkerRestartTests(CrashFixture fixture) : IClassFixture<CrashFixture>
{
    [Fact]
    public async Task A_worker_that_exits_is_restarted_and_serves_again()
    {
        using HttpResponseMessage before = await fixture.Client.GetAsync("/echo/before");
        Assert.True(before.StatusCode == HttpStatusCode.OK, await before.Content.ReadAsStringAsync());

        using HttpResponseMessage crash = await fixture.Client.PostAsync("/crash", null);

        Assert.NotEqual(HttpStatusCode.OK, crash.StatusCode);
        Assert.Equal("application/problem+json", crash.Content.Headers.ContentType?.MediaType);
        await fixture.Logs.LineAsync("The Functions worker exited (exit code 42)");
        await Eventually.UntilAsync<HttpStatusCode>(
            async () => (await fixture.Client.GetAsync("/echo/after")).StatusCode, status => status == HttpStatusCode.OK, "the new worker to answer", TimeSpan.FromSeconds(30));
        Assert.Equal(2, fixture.Logs.Entries.Count(e => e.Message.StartsWith("Worker ready:", StringComparison.Ordinal)));
        Assert.Null(fixture.Host.WorkerError);
    }
}
