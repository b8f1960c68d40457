namespace Hotline.LocalHost.Tests.Clock;

/// <summary>
/// A host whose clock starts ten minutes before midnight China time, with the test worker's timer due at every
/// midnight China time (16:00 UTC): far from real time, so only a move can reach an occurrence.
/// </summary>
public class MovedClockFixture : WorkerHostFixture
{
    public static readonly DateTimeOffset StartAt = new(2026, 12, 1, 23, 50, 0, TimeSpan.FromHours(8));

    public StringWriter Banner { get; } = new();

    protected override bool RunQueueListeners => false;

    protected override bool RunTimers => true;

    protected override string TimerSchedule => "0 0 16 * * *";

    protected override TextWriter? BannerWriter => Banner;

    protected override void AddSettings(Dictionary<string, string?> settings) =>
        settings["Hotline__Clock__StartAt"] = "2026-12-01T23:50:00+08:00";
}
