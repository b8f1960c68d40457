namespace Hotline.Officers;

/// <summary>How an officer's action on a case ended; the HTTP and SMS front ends each say it their way.</summary>
public enum CaseActionStatus
{
    Done,
    NotFound,
    Forbidden,
    Conflict,
    Invalid,
}
