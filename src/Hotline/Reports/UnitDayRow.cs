using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace Hotline.Reports;

/// <summary>
/// One (unit, China day) of the reportdays table, as a projection changes it: the sums (<c>Counts</c>, all a report
/// reads) and, beside them, what each case contributes and at which of its revisions (<c>Cases</c>, <c>Cases1</c>, …:
/// lines "ticket revision counts"). Keeping both in one entity makes a change one conditional write: the sums move
/// by exactly what the case's line changes, and a line already at the revision (or a later one) is left alone, so a
/// repeated or retried projection never counts twice.
/// </summary>
public sealed class UnitDayRow
{
    public const string CountsProperty = "Counts";
    private const string CasesProperty = "Cases";

    /// <summary>A string property holds at most 64 KiB (32 K UTF-16 characters); lines are split between properties under it.</summary>
    private const int MaxChunkLength = 30_000;

    private readonly Dictionary<string, (int Revision, ReportCounts Counts)> _cases;

    private UnitDayRow(ReportCounts totals, Dictionary<string, (int, ReportCounts)> cases)
    {
        Totals = totals;
        _cases = cases;
    }

    public ReportCounts Totals { get; }

    public static UnitDayRow Empty() => new(new ReportCounts(), new Dictionary<string, (int, ReportCounts)>(StringComparer.Ordinal));

    public static UnitDayRow From(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var cases = new Dictionary<string, (int, ReportCounts)>(StringComparer.Ordinal);
        for (var chunk = 0; entity.GetString(ChunkName(chunk)) is { } lines; chunk++)
        {
            foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split(' ', 3);
                if (parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var revision))
                {
                    cases[parts[0]] = (revision, ReportCounts.Parse(parts.Length == 3 ? parts[2] : null));
                }
            }
        }

        return new UnitDayRow(ReportCounts.Parse(entity.GetString(CountsProperty)), cases);
    }

    /// <summary>
    /// Sets the case's contribution as of <paramref name="revision"/> (empty counts take the case out); false, and
    /// nothing changed, when the row holds a later revision of the case or already counts it so.
    /// </summary>
    public bool Set(string ticketId, int revision, ReportCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var text = counts.ToString();
        if (_cases.TryGetValue(ticketId, out var held))
        {
            if (held.Revision > revision || held.Counts.ToString() == text)
            {
                return false;
            }

            Totals.Add(held.Counts, -1);
        }
        else if (counts.IsEmpty)
        {
            return false;
        }

        Totals.Add(counts);
        if (counts.IsEmpty)
        {
            _cases.Remove(ticketId);
        }
        else
        {
            _cases[ticketId] = (revision, counts);
        }

        return true;
    }

    public TableEntity ToEntity(string partitionKey, string rowKey)
    {
        var entity = new TableEntity(partitionKey, rowKey) { [CountsProperty] = Totals.ToString() };
        var chunk = new StringBuilder();
        var index = 0;
        foreach (var (ticketId, (revision, counts)) in _cases.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{ticketId} {revision} {counts}\n");
            if (chunk.Length + line.Length > MaxChunkLength)
            {
                entity[ChunkName(index++)] = chunk.ToString();
                chunk.Clear();
            }

            chunk.Append(line);
        }

        entity[ChunkName(index)] = chunk.ToString();
        return entity;
    }

    private static string ChunkName(int index) =>
        index == 0 ? CasesProperty : CasesProperty + index.ToString(CultureInfo.InvariantCulture);
}
