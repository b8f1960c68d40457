using Azure;
using Azure.Data.Tables;
using Hotline.Storage;

namespace Hotline.Reports;

/// <summary>
/// The reportdays table: the report's per-day, per-unit aggregate. Key scheme: PartitionKey = unit id (or
/// <see cref="UnitDay.NoUnit"/>), RowKey = China day "yyyyMMdd" and a shard ":00"…":15" picked by the ticket id; so a
/// report reads one range of rows per unit (at most sixteen a day), however many cases the range holds. Each row is a
/// <see cref="UnitDayRow"/>, written only under its ETag. One row per day made every intake of a busy day take its
/// turn at the same ETag (16 submissions at once were slower than 8, docs/benchmarks.md); a case always lands in the
/// same shard, so its contribution is still set, never added twice.
/// </summary>
public sealed class UnitDayTable(HotlineStorage storage)
{
    /// <summary>Writers of one busy day take turns; each turn is a read and a write, so this many is far more than contention needs.</summary>
    private const int MaxAttempts = 50;

    private const int Shards = 16;

    private TableClient Table => storage.ReportDays;

    /// <summary>A stable pick (not string.GetHashCode, which differs between processes).</summary>
    private static string ShardOf(string ticketId)
    {
        var hash = 0u;
        foreach (var c in ticketId)
        {
            hash = (hash * 31) + c;
        }

        return (hash % Shards).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Puts the case's contribution as of <paramref name="revision"/> into the day; idempotent.</summary>
    public async Task SetAsync(UnitDay day, string ticketId, int revision, ReportCounts counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticketId);
        var rowKey = UnitDay.DayKey(day.Day) + ":" + ShardOf(ticketId);
        for (var attempt = 1; ; attempt++)
        {
            var entity = await Table.GetEntityOrNullAsync(day.UnitId, rowKey, cancellationToken);
            var row = entity is null ? UnitDayRow.Empty() : UnitDayRow.From(entity);
            if (!row.Set(ticketId, revision, counts))
            {
                return;
            }

            try
            {
                var changed = row.ToEntity(day.UnitId, rowKey);
                await (entity is null
                    ? Table.AddEntityAsync(changed, cancellationToken)
                    : Table.UpdateEntityAsync(changed, entity.ETag, TableUpdateMode.Replace, cancellationToken));
                return;
            }
            catch (RequestFailedException e) when (e.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed && attempt < MaxAttempts)
            {
                // Another case of the same day got there first: read its write and apply this one on top.
            }
        }
    }

    /// <summary>The unit's days in [<paramref name="from"/>, <paramref name="to"/>] that have counts, reading only their sums.</summary>
    public async Task<IReadOnlyList<(DateOnly Day, ReportCounts Counts)>> ReadAsync(string unitId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        // "yyyyMMdd" of the day after sorts after every shard of the last day.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {unitId} and RowKey ge {UnitDay.DayKey(from)} and RowKey lt {UnitDay.DayKey(to.AddDays(1))}");
        var days = new SortedDictionary<DateOnly, ReportCounts>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ["RowKey", UnitDayRow.CountsProperty], cancellationToken: cancellationToken))
        {
            if (entity.RowKey.Length > 8 && UnitDay.ParseDayKey(entity.RowKey[..8]) is { } day)
            {
                if (!days.TryGetValue(day, out var sum))
                {
                    days[day] = sum = new ReportCounts();
                }

                sum.Add(ReportCounts.Parse(entity.GetString(UnitDayRow.CountsProperty)));
            }
        }

        return [.. days.Select(d => (d.Key, d.Value))];
    }
}
