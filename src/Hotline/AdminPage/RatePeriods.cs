using System.Globalization;
using Hotline.Reports;

namespace Hotline.AdminPage;

/// <summary>The rates chart's points: each day for a range up to a month, else each week (Monday to Sunday), so a year stays readable.</summary>
internal static class RatePeriods
{
    public const int MaxDailyPoints = 31;

    public static bool ByWeek(CaseReport report) => report.Daily.Count > MaxDailyPoints;

    public static IReadOnlyList<RatePeriod> From(CaseReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var days = report.Daily.Select(d => (Day: DateOnly.ParseExact(d.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), d.Rates)).ToList();
        if (!ByWeek(report))
        {
            return [.. days.Select(d => new RatePeriod(Short(d.Day), Long(d.Day), d.Rates))];
        }

        return [.. days
            .GroupBy(d => d.Day.AddDays(-(((int)d.Day.DayOfWeek + 6) % 7)))
            .Select(week => new RatePeriod(Short(week.First().Day), $"{Long(week.First().Day)} – {Long(week.Last().Day)}", Sum(week.Select(d => d.Rates))))];
    }

    private static ReportRates Sum(IEnumerable<ReportRates> rates)
    {
        var all = rates.ToList();
        static ReportRate Add(IEnumerable<ReportRate> r) => new(r.Sum(x => x.Numerator), r.Sum(x => x.Denominator));
        return new ReportRates(
            Add(all.Select(r => r.Acknowledgement)),
            Add(all.Select(r => r.Resolution)),
            Add(all.Select(r => r.Satisfaction)),
            all.Sum(r => r.AcknowledgedLate),
            all.Sum(r => r.ResolvedLate),
            all.SelectMany(r => r.Ratings).GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Value), StringComparer.Ordinal));
    }

    private static string Short(DateOnly day) => day.ToString("MM-dd", CultureInfo.InvariantCulture);

    private static string Long(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
