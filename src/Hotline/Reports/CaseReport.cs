namespace Hotline.Reports;

/// <summary>
/// <c>GET /api/admin/report</c>: the cases received in the range (China days, both ends included) by status,
/// category, priority and channel; the three rates of what fell in the range; the figures per unit, sub-units rolled
/// up; the rates per day; and the overdue list as of now. Read from the per-day, per-unit aggregate.
/// </summary>
public sealed record CaseReport(
    string From,
    string To,
    ReportUnit? Unit,
    DateTimeOffset GeneratedAt,
    long Received,
    IReadOnlyDictionary<string, long> ByStatus,
    IReadOnlyDictionary<string, long> ByCategory,
    IReadOnlyDictionary<string, long> ByPriority,
    IReadOnlyDictionary<string, long> ByChannel,
    ReopenFigures Reopened,
    ReportRates Rates,
    IReadOnlyList<UnitFigures> Units,
    IReadOnlyList<DayFigures> Daily,
    OverdueList Overdue);
