namespace Hotline.Reports;

/// <summary>
/// The three rates of 12345/12351 practice: 响应率 (acknowledged on time / assigned), 解决率 (resolved on time / due),
/// 满意率 (rated 3–5 / answered surveys); and beside them what did not count as on time.
/// </summary>
public sealed record ReportRates(
    ReportRate Acknowledgement,
    ReportRate Resolution,
    ReportRate Satisfaction,
    long AcknowledgedLate,
    long ResolvedLate,
    IReadOnlyDictionary<string, long> Ratings)
{
    public static ReportRates From(ReportCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new ReportRates(
            new ReportRate(counts[ReportCounter.AcknowledgedOnTime], counts[ReportCounter.Assigned]),
            new ReportRate(counts[ReportCounter.ResolvedOnTime], counts[ReportCounter.ResolutionDue]),
            new ReportRate(counts[ReportCounter.Satisfied], counts[ReportCounter.Rated]),
            counts[ReportCounter.AcknowledgedLate],
            counts[ReportCounter.ResolvedLate],
            Enumerable.Range(1, 5).ToDictionary(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture), r => counts[ReportCounter.Rating(r)], StringComparer.Ordinal));
    }
}
