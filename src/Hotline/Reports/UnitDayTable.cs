using Azure;
using Azure.Data.Tables;
using Hotline.Storage;

namespace Hotline.Reports;

/// <summary>
/// The reportdays table: the report's per-day, per-unit aggregate. Key scheme: PartitionKey = unit id (or
/// <see cref="UnitDay.NoUnit"/>), RowKey = China day "yyyyMMdd"; so a report reads one range of rows per unit, however
/// many cases the range holds. Each row is a <see cref="UnitDayRow"/>, written only under its ETag.
/// </summary>
public sealed class UnitDayTable(HotlineStorage storage)
{
    /// <summary>Writers of one busy day take turns; each turn is a read and a write, so this many is far more than contention needs.</summary>
    private const int MaxAttempts = 50;

    private TableClient Table => storage.ReportDays;

    /// <summary>Puts the case's contribution as of <paramref name="revision"/> into the day; idempotent.</summary>
    public async Task SetAsync(UnitDay day, string ticketId, int revision, ReportCounts counts, CancellationToken cancellationToken)
    {
        var rowKey = UnitDay.DayKey(day.Day);
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
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {unitId} and RowKey ge {UnitDay.DayKey(from)} and RowKey le {UnitDay.DayKey(to)}");
        var days = new List<(DateOnly, ReportCounts)>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ["RowKey", UnitDayRow.CountsProperty], cancellationToken: cancellationToken))
        {
            if (UnitDay.ParseDayKey(entity.RowKey) is { } day)
            {
                days.Add((day, ReportCounts.Parse(entity.GetString(UnitDayRow.CountsProperty))));
            }
        }

        return days;
    }
}
