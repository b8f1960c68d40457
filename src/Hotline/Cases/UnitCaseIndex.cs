using Hotline.Storage;
using Azure;
using Azure.Data.Tables;

namespace Hotline.Cases;

/// <summary>
/// The unitcases table: which cases have been given to each unit, so what a unit holds is read from one partition,
/// never from every case. Key scheme: PartitionKey = unit id, RowKey = ticket id. A row is only a pointer: readers
/// check it against the case, so a row left behind (the case moved on to another unit) shows nothing wrong and is
/// cleared by <see cref="ForgetAsync"/>. Written by <see cref="CaseStore"/> before every assignment is saved, so a
/// saved assignment always has its pointer.
/// </summary>
public sealed class UnitCaseIndex(HotlineStorage storage)
{
    private TableClient Table => storage.UnitCases;

    public Task PointAsync(string unitId, string ticketId, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(unitId, ticketId), TableUpdateMode.Replace, cancellationToken);

    /// <summary>The tickets the unit has been given and not yet forgotten.</summary>
    public async Task<IReadOnlyList<(string TicketId, ETag ETag)>> GetAsync(string unitId, CancellationToken cancellationToken)
    {
        var rows = new List<(string, ETag)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {unitId}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add((row.RowKey, row.ETag));
        }

        return rows;
    }

    /// <summary>Drops a pointer nothing needs any more, unless it was written again since it was read.</summary>
    public async Task ForgetAsync(string unitId, string ticketId, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(unitId, ticketId, etag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status404NotFound)
        {
            // Pointed again (the case came back) or already gone: either way nothing to do.
        }
    }
}
