namespace Hotline.Routing.Directory;

/// <summary>What an officer does for the unit (SPEC "Routing").</summary>
public enum OfficerRole
{
    /// <summary>Takes cases.</summary>
    Handler,

    /// <summary>Receives escalations, major incidents and the daily bulletin of the unit.</summary>
    Head,

    /// <summary>An officer of a higher unit linked to lower units (定点联系), copied on their major incidents and escalations.</summary>
    Contact,
}
