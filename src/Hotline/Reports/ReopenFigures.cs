namespace Hotline.Reports;

/// <summary>Of the cases received in the range: how many were reopened (rated 1–2), and how often in all.</summary>
public sealed record ReopenFigures(long Cases, long Reopens);
