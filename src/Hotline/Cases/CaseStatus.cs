namespace Hotline.Cases;

/// <summary>The states of a case, as the spec names them on the wire.</summary>
public static class CaseStatus
{
    public const string Received = "received";
    public const string Assigned = "assigned";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";
    public const string Closed = "closed";

    /// <summary>With a unit and not yet resolved: what officers hold, count and are chased for.</summary>
    public static bool IsBeingHandled(string status) => status is Assigned or Acknowledged;
}
