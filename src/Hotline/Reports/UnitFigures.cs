namespace Hotline.Reports;

/// <summary>A unit's figures with its sub-units rolled up (a city's include its counties').</summary>
public sealed record UnitFigures(
    string Id,
    string Name,
    string? ParentId,
    int Depth,
    long Received,
    long Reopens,
    ReportRates Rates,
    int Overdue);
