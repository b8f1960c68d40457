namespace Hotline.Routing;

/// <summary>The officer the load store gave a case to.</summary>
/// <param name="OpenCasesBefore">Their open cases before this one; null when an earlier try had already counted the case for them.</param>
public sealed record LoadPick(string OfficerId, int? OpenCasesBefore);
