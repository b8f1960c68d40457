namespace Hotline.Storage;

/// <summary>What a failed storage request means for the caller, independent of the exact status and error code.</summary>
public enum StorageErrorKind
{
    Other,
    NotFound,
    Conflict,
    PreconditionFailed,
    TooLarge,
    BadRequest,
}
