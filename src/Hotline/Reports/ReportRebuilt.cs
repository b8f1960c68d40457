namespace Hotline.Reports;

/// <summary>The answer of <c>POST /api/admin/report/rebuild</c>: the days done and the cases counted again.</summary>
public sealed record ReportRebuilt(string From, string To, int Cases);
