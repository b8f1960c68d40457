using System.Text.Json;
using Hotline.Testing;
using Microsoft.AspNetCore.Http;

namespace Hotline.LocalHost.Tests.Timers;

public sealed class TimerTriggerTests(AzuriteInstance azurite) : IClassFixture<AzuriteInstance>
{
    private static readonly DateTimeOffset Start = new(2025, 3, 10, 12, 3, 10, TimeSpan.Zero);

    [Fact]
    public async Task A_timer_fires_at_each_occurrence_with_the_timer_info_envelope()
    {
        var time = new ManualTimeProvider(Start);
        await using var fixture = await Fixture.StartAsync(azurite, TestAppRoot.TimerFunction("0 */5 * * * *"), time);

        await fixture.AdvanceToAsync(new DateTimeOffset(2025, 3, 10, 12, 5, 0, TimeSpan.Zero));
        RecordedRequest first = (await fixture.WaitForInvocationsAsync(1))[0];
        await fixture.AdvanceToAsync(new DateTimeOffset(2025, 3, 10, 12, 10, 0, TimeSpan.Zero));
        RecordedRequest second = (await fixture.WaitForInvocationsAsync(2))[1];

        using JsonDocument firstEnvelope = first.Json();
        JsonElement timer = firstEnvelope.RootElement.GetProperty("Data").GetProperty("timer");
        Assert.True(timer.GetProperty("Schedule").GetProperty("AdjustForDST").GetBoolean());
        Assert.False(timer.GetProperty("IsPastDue").GetBoolean());
        Assert.Equal("0001-01-01T00:00:00", timer.GetProperty("ScheduleStatus").GetProperty("Last").GetString());
        Assert.Equal("2025-03-10T12:05:00+00:00", timer.GetProperty("ScheduleStatus").GetProperty("Next").GetString());
        JsonElement metadata = firstEnvelope.RootElement.GetProperty("Metadata");
        Assert.Equal(["sys"], metadata.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Tick", metadata.GetProperty("sys").GetProperty("MethodName").GetString());
        Assert.Equal(new DateTime(2025, 3, 10, 12, 5, 0, DateTimeKind.Utc), metadata.GetProperty("sys").GetProperty("UtcNow").GetDateTime());

        using JsonDocument secondEnvelope = second.Json();
        JsonElement status = secondEnvelope.RootElement.GetProperty("Data").GetProperty("timer").GetProperty("ScheduleStatus");
        Assert.Equal("2025-03-10T12:05:00+00:00", status.GetProperty("Last").GetString());
        Assert.Equal("2025-03-10T12:10:00+00:00", status.GetProperty("Next").GetString());
        Assert.Equal("2025-03-10T12:05:00+00:00", status.GetProperty("LastUpdated").GetString());
    }

    [Fact]
    public async Task Run_on_startup_fires_once_when_the_host_starts()
    {
        var time = new ManualTimeProvider(Start);
        await using var fixture = await Fixture.StartAsync(azurite, TestAppRoot.TimerFunction("0 0 0 1 1 *", runOnStartup: true), time);

        await fixture.WaitForInvocationsAsync(1);
        await Eventually.UntilAsync(() => time.PendingTimers == 1, "the wait for the next occurrence");

        Assert.Single(fixture.Handler.InvocationsOf("Tick"));
    }

    [Fact]
    public async Task An_unmonitored_timer_gets_no_schedule_status()
    {
        var time = new ManualTimeProvider(Start);
        await using var fixture = await Fixture.StartAsync(azurite, TestAppRoot.TimerFunction("0 0 0 1 1 *", runOnStartup: true, useMonitor: false), time);

        using JsonDocument envelope = (await fixture.WaitForInvocationsAsync(1))[0].Json();

        Assert.Equal(JsonValueKind.Null, envelope.RootElement.GetProperty("Data").GetProperty("timer").GetProperty("ScheduleStatus").ValueKind);
    }

    [Fact]
    public async Task A_failing_timer_is_logged_and_not_retried_before_its_next_occurrence()
    {
        var time = new ManualTimeProvider(Start);
        await using var fixture = await Fixture.StartAsync(
            azurite,
            TestAppRoot.TimerFunction("0 */5 * * * *"),
            time,
            (context, request) => request.Method == "POST" ? TestHandler.Json(context, "{}", StatusCodes.Status500InternalServerError) : TestHandler.Json(context, "{}"));

        await fixture.AdvanceToAsync(new DateTimeOffset(2025, 3, 10, 12, 5, 0, TimeSpan.Zero));
        await fixture.WaitForInvocationsAsync(1);
        await Eventually.UntilAsync(() => time.PendingTimers == 1, "the wait for the next occurrence");

        Assert.Single(fixture.Handler.InvocationsOf("Tick"));
        Assert.True(fixture.Harness.Logs.Contains("Executed 'Functions.Tick' (Failed"));

        await fixture.AdvanceToAsync(new DateTimeOffset(2025, 3, 10, 12, 10, 0, TimeSpan.Zero));
        await fixture.WaitForInvocationsAsync(2);
    }

    [Fact]
    public async Task A_timer_never_runs_twice_at_once()
    {
        using var gate = new SemaphoreSlim(0);
        var time = new ManualTimeProvider(Start);
        await using var fixture = await Fixture.StartAsync(
            azurite,
            TestAppRoot.TimerFunction("0 0 0 1 1 *"),
            time,
            async (context, request) =>
            {
                if (request.Method == "POST")
                {
                    await gate.WaitAsync(context.RequestAborted);
                }

                await TestHandler.EmptyResult(context);
            });

        Assert.Equal(202, (int)(await fixture.InvokeAsync()).StatusCode);
        Assert.Equal(202, (int)(await fixture.InvokeAsync()).StatusCode);
        await fixture.WaitForInvocationsAsync(1);
        await Task.Delay(300);
        Assert.Single(fixture.Handler.InvocationsOf("Tick"));

        gate.Release(2);
        await fixture.WaitForInvocationsAsync(2);
        Assert.Equal(1, fixture.Handler.MaxInFlight);
    }

    private sealed class Fixture : IAsyncDisposable
    {
        private readonly TestAppRoot app;
        private readonly ManualTimeProvider time;

        private Fixture(TestAppRoot app, ManualTimeProvider time, TestHandler handler, LocalHostHarness harness)
        {
            this.app = app;
            this.time = time;
            Handler = handler;
            Harness = harness;
        }

        public TestHandler Handler { get; }

        public LocalHostHarness Harness { get; }

        public static async Task<Fixture> StartAsync(AzuriteInstance azurite, string timerFunction, ManualTimeProvider time, TestHandler.Responder? respond = null)
        {
            var app = TestAppRoot.Create(TestAppRoot.HostJson(), ("Tick", timerFunction));
            TestHandler handler = await TestHandler.StartAsync(respond);
            LocalHostHarness harness = await LocalHostHarness.StartAsync(app, azurite.ConnectionString, handler, time);
            return new Fixture(app, time, handler, harness);
        }

        /// <summary>Moves the clock once the timer waits for its next occurrence.</summary>
        public async Task AdvanceToAsync(DateTimeOffset when)
        {
            await Eventually.UntilAsync(() => time.PendingTimers > 0, "the timer to wait for its occurrence");
            time.Advance(when - time.GetUtcNow());
        }

        public Task<IReadOnlyList<RecordedRequest>> WaitForInvocationsAsync(int count) =>
            Eventually.UntilAsync(() => Handler.InvocationsOf("Tick"), i => i.Count >= count, $"{count} timer invocation(s)");

        public Task<HttpResponseMessage> InvokeAsync()
        {
            HttpRequestMessage request = LocalHostHarness.Request(HttpMethod.Post, "/admin/functions/Tick", Harness.Keys.MasterKey);
            request.Content = new StringContent("""{"input":""}""", System.Text.Encoding.UTF8, "application/json");
            return Harness.Client.SendAsync(request);
        }

        public async ValueTask DisposeAsync()
        {
            await Harness.DisposeAsync();
            await Handler.DisposeAsync();
            app.Dispose();
        }
    }
}
