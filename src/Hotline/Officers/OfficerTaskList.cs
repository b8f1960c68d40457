namespace Hotline.Officers;

/// <summary>An officer's open cases, the one due soonest first.</summary>
public sealed record OfficerTaskList(string OfficerId, IReadOnlyList<OfficerTask> Tasks);
