using System.Collections.Concurrent;
using System.Globalization;
using Hotline.Cases;
using Hotline.Routing.Directory;

namespace Hotline.Reports;

/// <summary>
/// Builds a <see cref="CaseReport"/> from the aggregate: one range query per unit over reportdays (so a year costs
/// one query per unit, not a read per case), and for the overdue list the rows of reportopen past due, each checked
/// against its case (the only case reads, and only of cases overdue now).
/// </summary>
public sealed class ReportReader(UnitDayTable days, OpenCaseTable open, CaseStore cases, ReportProjection projection, TimeProvider time)
{
    public const int MaxOverdueListed = 200;
    private const int Parallelism = 8;

    public async Task<CaseReport> ReadAsync(ReportQuery query, UnionDirectory directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(directory);
        var now = time.GetUtcNow();
        var units = query.UnitId is { } unitId ? [.. directory.SelfAndDescendants(unitId)] : directory.Units;
        var partitions = units.Select(u => u.Id).Concat(query.UnitId is null ? [UnitDay.NoUnit] : []).ToList();

        var read = new ConcurrentDictionary<string, IReadOnlyList<(DateOnly Day, ReportCounts Counts)>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(partitions, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (partition, ct) =>
            read[partition] = await days.ReadAsync(partition, query.From, query.To, ct));

        var total = new ReportCounts();
        var own = new Dictionary<string, ReportCounts>(StringComparer.Ordinal);
        var daily = new SortedDictionary<DateOnly, ReportCounts>();
        foreach (var (partition, rows) in read)
        {
            var unitCounts = own[partition] = new ReportCounts();
            foreach (var (day, counts) in rows)
            {
                unitCounts.Add(counts);
                total.Add(counts);
                if (!daily.TryGetValue(day, out var dayCounts))
                {
                    daily[day] = dayCounts = new ReportCounts();
                }

                dayCounts.Add(counts);
            }
        }

        var overdue = await OverdueAsync([.. units.Select(u => u.Id)], now, cancellationToken);
        var overdueByUnit = overdue.GroupBy(o => o.UnitId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var topDepth = units.Count == 0 ? 0 : units.Min(u => directory.DepthOf(u.Id));
        var unitFigures = OrgChart.Order(directory, units).Select(u =>
        {
            var rolled = new ReportCounts();
            var below = directory.SelfAndDescendants(u.Id).Select(d => d.Id).ToList();
            foreach (var id in below)
            {
                rolled.Add(own.GetValueOrDefault(id) ?? new ReportCounts());
            }

            return new UnitFigures(u.Id, u.Name, u.ParentId, directory.DepthOf(u.Id) - topDepth, rolled[ReportCounter.Received], rolled[ReportCounter.Reopens],
                ReportRates.From(rolled), below.Sum(id => overdueByUnit.GetValueOrDefault(id)));
        }).ToList();

        var unit = query.UnitId is { } id ? directory.GetUnit(id) : null;
        return new CaseReport(
            Iso(query.From),
            Iso(query.To),
            unit is null ? null : new ReportUnit(unit.Id, unit.Name),
            ChinaTime.ToChina(now),
            total[ReportCounter.Received],
            total.WithPrefix(ReportCounter.StatusPrefix),
            total.WithPrefix(ReportCounter.CategoryPrefix),
            total.WithPrefix(ReportCounter.PriorityPrefix),
            total.WithPrefix(ReportCounter.ChannelPrefix),
            new ReopenFigures(total[ReportCounter.ReopenedCases], total[ReportCounter.Reopens]),
            ReportRates.From(total),
            unitFigures,
            [.. EveryDay(query).Select(d => new DayFigures(Iso(d), daily.GetValueOrDefault(d)?[ReportCounter.Received] ?? 0, ReportRates.From(daily.GetValueOrDefault(d) ?? new ReportCounts())))],
            new OverdueList(ChinaTime.ToChina(now), overdue.Count, [.. overdue.Take(MaxOverdueListed)]));
    }

    /// <summary>
    /// The cases of <paramref name="unitIds"/> past a due time, oldest due first. Each row is checked against its case:
    /// a row from a projection that arrived late is corrected (the case is projected again) rather than shown.
    /// </summary>
    private async Task<List<OverdueCase>> OverdueAsync(IReadOnlyList<string> unitIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var wanted = unitIds.ToHashSet(StringComparer.Ordinal);
        var rows = new ConcurrentBag<OpenCase>();
        await Parallel.ForEachAsync(unitIds, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (unitId, ct) =>
        {
            foreach (var row in await open.PastDueAsync(unitId, now, ct))
            {
                rows.Add(row);
            }
        });

        var found = new ConcurrentBag<OverdueCase>();
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (row, ct) =>
        {
            if (await cases.GetAsync(row.TicketId, ct) is not { Record: var record })
            {
                return;
            }

            if (record.Revision != row.Revision)
            {
                await projection.ProjectAsync(record);
            }

            if (CaseFacts.Open(record) is { } current && current.UnitId == row.UnitId && wanted.Contains(current.UnitId) && current.OverdueFrom < now)
            {
                var ackOverdue = current.AcknowledgementDueAt < now;
                found.Add(new OverdueCase(
                    current.TicketId,
                    current.UnitId,
                    current.UnitName,
                    current.Status,
                    current.Category,
                    current.Priority,
                    ackOverdue ? "acknowledgement" : "resolution",
                    ChinaTime.ToChina(ackOverdue ? current.AcknowledgementDueAt!.Value : current.ResolutionDueAt!.Value),
                    ChinaTime.ToChina(current.ReceivedAt)));
            }
        });

        return [.. found.OrderBy(o => o.DueAt).ThenBy(o => o.TicketId, StringComparer.Ordinal)];
    }

    private static IEnumerable<DateOnly> EveryDay(ReportQuery query) =>
        Enumerable.Range(0, query.Days).Select(query.From.AddDays);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
