using Hotline.Cases;
using Hotline.Reports;
using Hotline.Routing.Directory;

namespace Hotline.Ledger;

/// <summary>
/// What <c>GET /api/admin/ledger.csv?from=&amp;to=&amp;unit=</c> asks for: the China days of receipt, both ends included,
/// and the unit with its sub-units (none: every case, routed or not).
/// </summary>
public sealed record LedgerQuery(DateOnly From, DateOnly To, string? UnitId, IReadOnlySet<string>? Units)
{
    public bool Includes(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Units is null || (record.UnitId is { } unitId && Units.Contains(unitId));
    }

    /// <summary>
    /// The query, or the problems that make it a 400 (each parameter named). The range and the unit are read as the
    /// report reads them (<see cref="ReportQuery"/>: same defaults, same limit), so a ledger link from the report's page
    /// always lists the cases the page counted.
    /// </summary>
    public static (LedgerQuery? Query, Dictionary<string, string[]> Errors) Parse(IQueryCollection query, UnionDirectory directory, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(directory);
        var repeated = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var from = Single(query, ReportQuery.FromField, repeated);
        var to = Single(query, ReportQuery.ToField, repeated);
        var unit = Single(query, ReportQuery.UnitField, repeated);
        var (range, errors) = ReportQuery.Parse(from, to, unit, DateOnly.FromDateTime(ChinaTime.ToChina(now).DateTime), directory);
        foreach (var (name, problems) in repeated)
        {
            errors[name] = problems;
        }

        if (range is null || errors.Count > 0)
        {
            return (null, errors);
        }

        var units = range.UnitId is { } unitId ? directory.SelfAndDescendants(unitId).Select(u => u.Id).ToHashSet(StringComparer.Ordinal) : null;
        return (new LedgerQuery(range.From, range.To, range.UnitId, units), errors);
    }

    /// <summary>A parameter given twice is refused rather than one of them picked.</summary>
    private static string? Single(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        var values = query[name];
        if (values.Count > 1)
        {
            errors[name] = [$"'{name}' is given {values.Count} times; give it once."];
            return null;
        }

        return values.Count == 1 ? values[0] : null;
    }
}
