using System.Text.Json;
using Hotline.LocalHost.Invocation;
using Hotline.LocalHost.Timers;

namespace Hotline.LocalHost.Tests.Invocation;

public sealed class TimerTriggerEnvelopeTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 1, 0, TimeSpan.Zero);

    [Fact]
    public void The_timer_info_is_an_object_with_schedule_status_and_past_due()
    {
        var status = new ScheduleStatus(Now.AddMinutes(-1), Now, Now.AddMinutes(-1));

        using JsonDocument envelope = JsonDocument.Parse(TimerTriggerEnvelope.Create("Remind", "timer", status, isPastDue: false, Now, Guid.NewGuid()));

        JsonElement timer = envelope.RootElement.GetProperty("Data").GetProperty("timer");
        Assert.True(timer.GetProperty("Schedule").GetProperty("AdjustForDST").GetBoolean());
        Assert.Equal("2025-03-10T12:00:00+00:00", timer.GetProperty("ScheduleStatus").GetProperty("Last").GetString());
        Assert.Equal("2025-03-10T12:01:00+00:00", timer.GetProperty("ScheduleStatus").GetProperty("Next").GetString());
        Assert.Equal("2025-03-10T12:00:00+00:00", timer.GetProperty("ScheduleStatus").GetProperty("LastUpdated").GetString());
        Assert.False(timer.GetProperty("IsPastDue").GetBoolean());
        Assert.Equal(["sys"], envelope.RootElement.GetProperty("Metadata").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_timer_that_never_ran_has_the_default_date_and_an_unmonitored_timer_has_no_status()
    {
        var status = new ScheduleStatus(null, Now, null);

        using JsonDocument first = JsonDocument.Parse(TimerTriggerEnvelope.Create("Remind", "timer", status, false, Now, Guid.NewGuid()));
        using JsonDocument unmonitored = JsonDocument.Parse(TimerTriggerEnvelope.Create("Remind", "timer", null, false, Now, Guid.NewGuid()));

        Assert.Equal("0001-01-01T00:00:00", first.RootElement.GetProperty("Data").GetProperty("timer").GetProperty("ScheduleStatus").GetProperty("Last").GetString());
        Assert.Equal(JsonValueKind.Null, unmonitored.RootElement.GetProperty("Data").GetProperty("timer").GetProperty("ScheduleStatus").ValueKind);
    }
}
