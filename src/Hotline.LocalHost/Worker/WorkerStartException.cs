namespace Hotline.LocalHost.Worker;

/// <summary>The worker did not get as far as loaded functions; the message says why (exit code, last stderr lines).</summary>
internal sealed class WorkerStartException : Exception
{
    public WorkerStartException()
    {
    }

    public WorkerStartException(string message)
        : base(message)
    {
    }

    public WorkerStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
