using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline.LocalHost.Timers;

namespace Hotline.LocalHost.Tests.Clock;

/// <summary>
/// The local run's moved clock: the app's TimeProvider (the app's own registration, in the test worker process)
/// shows a move as soon as <c>POST /admin/clock</c> answers, and the host's timers follow it. The tests share one
/// clock and only move it forward, so each reads where it is first.
/// </summary>
public sealed class MovedClockTests(MovedClockFixture fixture) : IClassFixture<MovedClockFixture>
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public async Task The_worker_starts_at_the_setting_and_sees_an_advance_as_soon_as_the_call_answers()
    {
        DateTimeOffset before = await WorkerNowAsync();
        Assert.True(before >= MovedClockFixture.StartAt, $"{before:o} is before the start");

        using HttpResponseMessage moved = await PostAsync(new { advance = "PT8H" });
        DateTimeOffset seen = await WorkerNowAsync();

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        JsonElement state = await moved.Content.ReadFromJsonAsync<JsonElement>();
        DateTimeOffset answered = state.GetProperty("now").GetDateTimeOffset();
        Assert.True(state.GetProperty("moved").GetBoolean());
        Assert.Equal(TimeSpan.FromHours(8), answered.Offset);
        Assert.True(answered >= before + TimeSpan.FromHours(8), $"answered {answered:o}, before {before:o}");
        Assert.True(seen >= answered, $"the worker saw {seen:o} after the clock answered {answered:o}");
    }

    [Fact]
    public async Task A_move_past_two_occurrences_fires_the_timer_once_past_due_and_schedules_from_the_moved_time()
    {
        TimerTriggerListener tick = fixture.Host.Timers["Tick"];

        // Another test's move may have left a run to do: wait until the timer waits for the future again.
        await Eventually.UntilAsync(() => tick.NextOccurrence > fixture.Host.MovedClock!.GetUtcNow(), "no run left to do");
        int PastDueRuns() => fixture.Logs.Entries.Count(e => e.Message.Contains("Tick isPastDue=True", StringComparison.Ordinal));
        int runsBefore = PastDueRuns();
        DateTimeOffset due = tick.NextOccurrence!.Value;
        DateTimeOffset target = due + Day + TimeSpan.FromMinutes(5);

        using HttpResponseMessage moved = await PostAsync(new { to = target.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        DateTimeOffset following = due + Day + Day;
        await Eventually.UntilAsync(() => tick.NextOccurrence == following, $"the timer scheduled for {following:o}");

        // The status moves on only after a run, so every run the move caused has ended by now.
        Assert.Equal(runsBefore + 1, PastDueRuns());
        Assert.Equal(0, fixture.Logs.Entries.Count(e => e.Message.Contains("Tick isPastDue=False", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_move_backwards_or_without_a_time_is_refused_with_problem_details_and_moves_nothing()
    {
        DateTimeOffset before = await WorkerNowAsync();

        using HttpResponseMessage back = await PostAsync(new { to = "2026-11-30T08:00:00+08:00" });
        using HttpResponseMessage negative = await PostAsync(new { advance = "-PT1H" });
        using HttpResponseMessage both = await PostAsync(new { advance = "PT1H", to = "2027-01-01T00:00:00Z" });
        using HttpResponseMessage noOffset = await PostAsync(new { to = "2027-01-01T00:00:00" });
        using HttpResponseMessage notJson = await PostAsync(new StringContent("advance=PT1H"));

        foreach ((HttpResponseMessage response, string field) in new[] { (back, "to"), (negative, "advance"), (both, "body"), (noOffset, "to"), (notJson, "body") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {problem}");
        }

        Assert.Contains("only moves forward", (await back.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        DateTimeOffset after = await WorkerNowAsync();
        Assert.True(after - before < TimeSpan.FromMinutes(1), $"the clock moved from {before:o} to {after:o}");
    }

    [Fact]
    public async Task The_clock_needs_the_master_key_and_get_shows_it()
    {
        using var anonymous = new HttpRequestMessage(HttpMethod.Post, "/admin/clock") { Content = JsonContent.Create(new { advance = "PT1H" }) };
        using HttpResponseMessage refused = await fixture.Client.SendAsync(anonymous);
        using var functionKey = new HttpRequestMessage(HttpMethod.Get, "/admin/clock");
        functionKey.Headers.Add("x-functions-key", fixture.Host.FunctionKey);
        using HttpResponseMessage forbidden = await fixture.Client.SendAsync(functionKey);
        using var get = new HttpRequestMessage(HttpMethod.Get, "/admin/clock");
        get.Headers.Add("x-functions-key", fixture.Host.MasterKey);
        using HttpResponseMessage shown = await fixture.Client.SendAsync(get);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        JsonElement state = await shown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(state.GetProperty("moved").GetBoolean());
        Assert.Equal(MovedClockFixture.StartAt, state.GetProperty("startAt").GetDateTimeOffset());
        Assert.True(state.GetProperty("now").GetDateTimeOffset() >= MovedClockFixture.StartAt);
    }

    [Fact]
    public void The_banner_says_the_clock_is_moved()
    {
        string banner = fixture.Banner.ToString();

        Assert.Contains("Clock: MOVED (Hotline__Clock__StartAt=2026-12-01T23:50:00+08:00)", banner, StringComparison.Ordinal);
        Assert.Contains("/admin/clock", banner, StringComparison.Ordinal);
    }

    private async Task<DateTimeOffset> WorkerNowAsync()
    {
        string text = await fixture.Client.GetStringAsync("/now");
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }

    private async Task<HttpResponseMessage> PostAsync(object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/clock") { Content = body as HttpContent ?? JsonContent.Create(body) };
        request.Headers.Add("x-functions-key", fixture.Host.MasterKey);
        return await fixture.Client.SendAsync(request);
    }
}
