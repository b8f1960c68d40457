namespace Hotline.Reports;

public sealed record ReportUnit(string Id, string Name);
