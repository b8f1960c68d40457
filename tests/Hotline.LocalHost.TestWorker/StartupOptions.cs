namespace Hotline.LocalHost.TestWorker;

/// <summary>Settings of the test worker itself.</summary>
internal sealed class StartupOptions
{
    public const string Section = "TestWorker";

    /// <summary>Makes the worker fail its options validation at start.</summary>
    public bool FailAtStart { get; set; }
}
