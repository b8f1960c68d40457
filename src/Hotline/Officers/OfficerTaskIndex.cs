using Hotline.Cases;
using Hotline.Storage;
using Azure;
using Azure.Data.Tables;

namespace Hotline.Officers;

/// <summary>
/// The officertasks table: which open cases each officer holds, so a task list reads one partition instead of every
/// case. Key scheme: PartitionKey = officer id, RowKey = ticket id. A row is only a pointer: the list is checked
/// against the cases themselves, so a row left behind by a crash or a race shows nothing wrong and is cleared when
/// read. Written on assignment (RouteCase), transfer and resolution.
/// </summary>
public sealed class OfficerTaskIndex(HotlineStorage storage, CaseStore cases)
{
    private TableClient Table => storage.OfficerTasks;

    /// <summary>Records that the case's officer holds it; nothing for a case without an officer or no longer open.</summary>
    public Task TrackAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.OfficerId is not { } officerId || !IsOpen(record))
        {
            return Task.CompletedTask;
        }

        // Upsert: RouteCase may run twice for one case.
        return Table.UpsertEntityAsync(new TableEntity(officerId, record.TicketId) { ["UnitId"] = record.UnitId ?? "" }, TableUpdateMode.Replace, cancellationToken);
    }

    public Task UntrackAsync(string? officerId, string ticketId, CancellationToken cancellationToken) =>
        officerId is null ? Task.CompletedTask : Table.DeleteEntityAsync(officerId, ticketId, cancellationToken: cancellationToken);

    /// <summary>
    /// The open cases the officer holds now, oldest due first (then oldest received): a case not yet acknowledged is
    /// due by its acknowledgement time, an acknowledged one by its resolution time.
    /// </summary>
    public async Task<IReadOnlyList<CaseRecord>> GetOpenCasesAsync(string officerId, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {officerId}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        // One officer holds tens of cases, not thousands: read them side by side.
        var checkedRows = await Task.WhenAll(rows.Select(async row => (Row: row, Found: await cases.GetAsync(row.RowKey, cancellationToken))));
        var open = new List<CaseRecord>();
        foreach (var (row, found) in checkedRows)
        {
            if (found is { Record: var record } && record.OfficerId == officerId && IsOpen(record))
            {
                open.Add(record);
                continue;
            }

            try
            {
                // Resolved, transferred away or gone. The ETag keeps a row that was tracked again meanwhile.
                await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == StatusCodes.Status412PreconditionFailed)
            {
                // Tracked again since it was read: the row is current, keep it.
            }
        }

        return [.. open
            .OrderBy(NextDueAt)
            .ThenBy(c => c.ReceivedAt)
            .ThenBy(c => c.TicketId, StringComparer.Ordinal)];
    }

    /// <summary>The due time the officer must meet next.</summary>
    public static DateTimeOffset NextDueAt(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var next = record.Status == CaseStatus.Assigned ? record.AcknowledgementDueAt : record.ResolutionDueAt;
        return next ?? record.AcknowledgementDueAt ?? DateTimeOffset.MaxValue;
    }

    private static bool IsOpen(CaseRecord record) => CaseStatus.IsBeingHandled(record.Status);
}
