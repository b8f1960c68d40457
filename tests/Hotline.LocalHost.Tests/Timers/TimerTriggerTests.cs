using System.Net;
using System.Net.Http.Json;

namespace Hotline.LocalHost.Tests.Timers;

/// <summary>Timers fire on their NCRONTAB schedule (from the worker's raw bindings) and on demand, with a TimerInfo.</summary>
public sealed class TimerTriggerTests(TimerFixture fixture) : IClassFixture<TimerFixture>
{
    [Fact]
    public async Task The_timer_fires_on_its_schedule_with_the_next_occurrence_in_its_timer_info()
    {
        int Ticks() => fixture.Logs.Entries.Count(e => e.Message.Contains("Executing 'Functions.Tick' (Reason='Timer fired at ", StringComparison.Ordinal));

        await Eventually.UntilAsync(() => Ticks() >= 2, "two scheduled runs");
        await fixture.Logs.LineAsync("Tick isPastDue=False next=");

        Assert.Equal("* * * * * *", fixture.Host.Functions.Single(f => f.Name == "Tick").Schedule);
    }

    [Fact]
    public async Task Invoke_and_the_admin_api_run_the_timer_at_once()
    {
        InvocationOutcome outcome = await fixture.Host.InvokeAsync("Tick", null, CancellationToken.None);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/functions/Tick") { Content = JsonContent.Create(new { input = "" }) };
        request.Headers.Add("x-functions-key", fixture.Host.MasterKey);
        using HttpResponseMessage response = await fixture.Client.SendAsync(request);

        Assert.True(outcome.Succeeded, outcome.FailureMessage);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.UntilAsync(
            () => fixture.Logs.Entries.Count(e => e.Message.Contains("Executing 'Functions.Tick' (Reason='This function was programmatically called", StringComparison.Ordinal)) >= 2,
            "both manual runs");
    }
}
