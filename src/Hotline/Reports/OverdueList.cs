namespace Hotline.Reports;

/// <summary>The open cases of the report's units past a due time at <see cref="AsOf"/>, oldest due first; at most <see cref="ReportReader.MaxOverdueListed"/> listed, all counted.</summary>
public sealed record OverdueList(DateTimeOffset AsOf, int Count, IReadOnlyList<OverdueCase> Cases);
