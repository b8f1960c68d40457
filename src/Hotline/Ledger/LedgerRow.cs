using CsvHelper;

namespace Hotline.Ledger;

/// <summary>
/// One row of the ledger (台账): one case, nothing personal. The column names are Chinese for the people who open it
/// in Excel or WPS; docs/ledger.md lists each with its English equivalent. Times are China time
/// "yyyy-MM-dd HH:mm:ss"; "met" columns are 是 (yes), 否 (no) or empty (not due yet, or no due time).
/// </summary>
[CsvRecord]
public sealed partial record LedgerRow
{
    [CsvColumn("工单号")] public required string Ticket { get; init; }
    [CsvColumn("受理时间")] public required string Received { get; init; }
    [CsvColumn("渠道")] public required string Channel { get; init; }
    [CsvColumn("诉求类别")] public required string Category { get; init; }
    [CsvColumn("优先级")] public required string Priority { get; init; }
    [CsvColumn("地区代码")] public string? Region { get; init; }
    [CsvColumn("承办单位代码")] public string? UnitId { get; init; }
    [CsvColumn("承办单位")] public string? Unit { get; init; }
    [CsvColumn("承办人编号")] public string? Officer { get; init; }
    [CsvColumn("状态")] public required string Status { get; init; }
    [CsvColumn("复杂程度")] public string? Complexity { get; init; }
    [CsvColumn("派单时间")] public string? Assigned { get; init; }
    [CsvColumn("签收时限")] public string? AcknowledgementDue { get; init; }
    [CsvColumn("签收时间")] public string? Acknowledged { get; init; }
    [CsvColumn("按时签收")] public string? AcknowledgedOnTime { get; init; }
    [CsvColumn("办结时限")] public string? ResolutionDue { get; init; }
    [CsvColumn("办结时间")] public string? Resolved { get; init; }
    [CsvColumn("按时办结")] public string? ResolvedOnTime { get; init; }
    [CsvColumn("结案时间")] public string? Closed { get; init; }
    [CsvColumn("满意度评分")] public int? Rating { get; init; }
    [CsvColumn("评价时间")] public string? Rated { get; init; }
    [CsvColumn("重办次数")] public int ReopenCount { get; init; }
    [CsvColumn("转办次数")] public int TransferCount { get; init; }
    [CsvColumn("并单数")] public int MergedReports { get; init; }
    [CsvColumn("已脱敏")] public required string Redacted { get; init; }
    [CsvColumn("诉求摘要")] public string? Summary { get; init; }
}
