namespace Hotline.Reports;

/// <summary>One China day of the range: cases received, and the rates of what fell on it (assigned, due, rated that day).</summary>
public sealed record DayFigures(string Date, long Received, ReportRates Rates);
