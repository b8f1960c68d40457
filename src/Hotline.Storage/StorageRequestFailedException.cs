namespace Hotline.Storage;

/// <summary>
/// The storage service (or this client, for a limit the service would enforce) rejected a request.
/// </summary>
public class StorageRequestFailedException : Exception
{
    public StorageRequestFailedException()
        : this("The storage request failed.")
    {
    }

    public StorageRequestFailedException(string message)
        : this(message, innerException: null)
    {
    }

    public StorageRequestFailedException(string message, Exception? innerException)
        : this(0, errorCode: null, message, innerException)
    {
    }

    public StorageRequestFailedException(int status, string? errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
        Kind = Classify(status, errorCode);
    }

    /// <summary>The HTTP status the service answered (or would answer, when the client caught the problem first).</summary>
    public int Status { get; }

    /// <summary>The service's error code, from the <c>x-ms-error-code</c> header.</summary>
    public string? ErrorCode { get; }

    public StorageErrorKind Kind { get; }

    internal static StorageErrorKind Classify(int status, string? errorCode)
    {
        // Codes first: the service answers some of these with a status that hides the meaning
        // (a stale pop receipt is a 400, a too-large property is a 400).
        // https://learn.microsoft.com/rest/api/storageservices/queue-service-error-codes
        // https://learn.microsoft.com/rest/api/storageservices/table-service-error-codes
        switch (errorCode)
        {
            case "PopReceiptMismatch" or "UpdateConditionNotSatisfied" or "ConditionNotMet":
                return StorageErrorKind.PreconditionFailed;
            case "EntityTooLarge" or "PropertyValueTooLarge" or "RequestBodyTooLarge" or "MessageTooLarge" or "RequestEntityTooLarge":
                return StorageErrorKind.TooLarge;
            default:
                break;
        }

        return status switch
        {
            404 => StorageErrorKind.NotFound,
            409 => StorageErrorKind.Conflict,
            412 => StorageErrorKind.PreconditionFailed,
            413 => StorageErrorKind.TooLarge,
            400 => StorageErrorKind.BadRequest,
            _ => StorageErrorKind.Other,
        };
    }
}
