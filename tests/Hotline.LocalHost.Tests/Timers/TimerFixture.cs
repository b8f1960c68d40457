namespace Hotline.LocalHost.Tests.Timers;

/// <summary>A host whose timer fires every second.</summary>
public sealed class TimerFixture : WorkerHostFixture
{
    protected override bool RunQueueListeners => false;

    protected override bool RunTimers => true;

    protected override string TimerSchedule => "* * * * * *";
}
