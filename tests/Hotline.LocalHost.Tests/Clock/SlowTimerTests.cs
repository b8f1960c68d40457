using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Hotline.LocalHost.Timers;

namespace Hotline.LocalHost.Tests.Clock;

/// <summary>A move while a timer runs: its own host, because the slow run holds the timer up for the other tests.</summary>
public sealed class SlowTimerTests(SlowTimerFixture fixture) : IClassFixture<SlowTimerFixture>
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public async Task A_move_during_a_run_past_the_next_occurrence_runs_the_timer_once_more_past_due()
    {
        TimerTriggerListener slow = fixture.Host.Timers["SlowTick"];
        await Eventually.UntilAsync(() => slow.NextOccurrence > fixture.Host.MovedClock!.GetUtcNow(), "no run left to do");
        int Started() => fixture.Logs.Entries.Count(e => e.Message.Contains("Slow timer started isPastDue=True", StringComparison.Ordinal));
        int Ended() => fixture.Logs.Entries.Count(e => e.Message.Contains("Slow timer ended", StringComparison.Ordinal));
        int startedBefore = Started();
        int endedBefore = Ended();
        DateTimeOffset due = slow.NextOccurrence!.Value;

        using HttpResponseMessage first = await PostAsync(new { to = (due + TimeSpan.FromMinutes(1)).ToString("o", CultureInfo.InvariantCulture) });
        await Eventually.UntilAsync(() => Started() == startedBefore + 1, "the slow timer's first run");

        // During the run, past the next occurrence: that run ends (the clock jumped) and the timer runs again.
        using HttpResponseMessage during = await PostAsync(new { advance = "P1D" });
        await Eventually.UntilAsync(() => Started() == startedBefore + 2, "the slow timer's second run");

        // Ends the second run without passing another occurrence: no third.
        using HttpResponseMessage release = await PostAsync(new { advance = "PT1H" });
        await Eventually.UntilAsync(() => slow.NextOccurrence == due + Day + Day, "the slow timer scheduled a day later");

        Assert.All(new[] { first, during, release }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(startedBefore + 2, Started());
        Assert.Equal(endedBefore + 2, Ended());
    }

    private async Task<HttpResponseMessage> PostAsync(object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/clock") { Content = JsonContent.Create(body) };
        request.Headers.Add("x-functions-key", fixture.Host.MasterKey);
        return await fixture.Client.SendAsync(request);
    }
}
