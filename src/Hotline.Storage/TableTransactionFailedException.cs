namespace Hotline.Storage;

/// <summary>An entity group transaction failed as a whole; nothing in it was applied.</summary>
public sealed class TableTransactionFailedException : StorageRequestFailedException
{
    public TableTransactionFailedException()
    {
        FailedActionIndex = -1;
    }

    public TableTransactionFailedException(string message)
        : base(message)
    {
        FailedActionIndex = -1;
    }

    public TableTransactionFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        FailedActionIndex = -1;
    }

    public TableTransactionFailedException(int status, string? errorCode, int failedActionIndex, string message)
        : base(status, errorCode, message)
    {
        FailedActionIndex = failedActionIndex;
    }

    /// <summary>The 0-based position of the action that failed, or -1 when the service did not say.</summary>
    public int FailedActionIndex { get; }
}
