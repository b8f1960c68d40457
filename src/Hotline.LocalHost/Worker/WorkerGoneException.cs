namespace Hotline.LocalHost.Worker;

/// <summary>The worker's stream ended (the worker exited or was stopped) before it answered.</summary>
internal sealed class WorkerGoneException : Exception
{
    public WorkerGoneException()
        : base("The Functions worker exited before it answered.")
    {
    }

    public WorkerGoneException(string message)
        : base(message)
    {
    }

    public WorkerGoneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
