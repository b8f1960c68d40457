namespace Hotline.LocalHost.Tests.Clock;

/// <summary>The moved clock with the test worker's slow timer due at every noon China time (04:00 UTC).</summary>
public sealed class SlowTimerFixture : MovedClockFixture
{
    protected override string TimerSchedule => "0 0 0 1 1 *";

    protected override string SlowTimerSchedule => "0 0 4 * * *";
}
