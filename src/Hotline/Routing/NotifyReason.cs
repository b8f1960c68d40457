namespace Hotline.Routing;

/// <summary>Why an officer is told about a major incident or an escalation.</summary>
public enum NotifyReason
{
    /// <summary>Head of the case's unit (or of its nearest ancestor with a head).</summary>
    UnitHead,

    /// <summary>Head of the next unit up from the one whose head was told.</summary>
    ParentUnitHead,

    /// <summary>An officer of a higher unit linked to the case's unit (定点联系).</summary>
    LinkedContact,
}
