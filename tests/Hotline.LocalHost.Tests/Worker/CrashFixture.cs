namespace Hotline.LocalHost.Tests.Worker;

/// <summary>A host of its own: its worker gets killed.</summary>
public sealed class CrashFixture : WorkerHostFixture
{
    protected override bool RunQueueListeners => false;
}
