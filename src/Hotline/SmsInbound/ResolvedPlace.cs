namespace Hotline.SmsInbound;

/// <summary>A place a caller named, found in the directory: the division code the case gets, and the unit covering it.</summary>
public sealed record ResolvedPlace(string Region, string UnitName);
