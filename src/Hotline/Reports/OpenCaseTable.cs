using Azure;
using Azure.Data.Tables;
using Hotline.Storage;

namespace Hotline.Reports;

/// <summary>
/// The reportopen table: the cases each unit is handling, with their due times, so the overdue list reads one
/// partition per unit and only the rows past due. Key scheme: PartitionKey = unit id, RowKey = ticket id. A row
/// leaves when its case is resolved, closed or moved; a projection arriving late could put one back, so readers
/// check each row against its case (<see cref="OpenCase.Revision"/>).
/// </summary>
public sealed class OpenCaseTable(HotlineStorage storage)
{
    private const int MaxAttempts = 10;

    private TableClient Table => storage.ReportOpen;

    /// <summary>Puts the case on <paramref name="unitId"/>'s list as <paramref name="open"/>, or takes it off (null).</summary>
    public async Task SetAsync(string unitId, string ticketId, int revision, OpenCase? open, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var entity = await Table.GetEntityOrNullAsync(unitId, ticketId, cancellationToken);
            if (entity?.GetInt32(nameof(OpenCase.Revision)) >= revision || (entity is null && open is null))
            {
                return;
            }

            try
            {
                if (open is null)
                {
                    await Table.DeleteEntityAsync(unitId, ticketId, entity!.ETag, cancellationToken);
                }
                else if (entity is null)
                {
                    await Table.AddEntityAsync(ToEntity(open), cancellationToken);
                }
                else
                {
                    await Table.UpdateEntityAsync(ToEntity(open), entity.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is StatusCodes.Status404NotFound or StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed && attempt < MaxAttempts)
            {
                // The case's other projection changed the row first: look again.
            }
        }
    }

    /// <summary>The unit's cases with a due time before <paramref name="now"/> still ahead of them.</summary>
    public async Task<IReadOnlyList<OpenCase>> PastDueAsync(string unitId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {unitId} and OverdueFrom lt {now}");
        var found = new List<OpenCase>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            found.Add(new OpenCase(
                entity.RowKey,
                entity.PartitionKey,
                entity.GetString(nameof(OpenCase.UnitName)),
                entity.GetString(nameof(OpenCase.Status)) ?? "",
                entity.GetString(nameof(OpenCase.Category)) ?? "",
                entity.GetString(nameof(OpenCase.Priority)) ?? "",
                entity.GetDateTimeOffset(nameof(OpenCase.ReceivedAt)) ?? default,
                entity.GetDateTimeOffset(nameof(OpenCase.AcknowledgementDueAt)),
                entity.GetDateTimeOffset(nameof(OpenCase.ResolutionDueAt)),
                entity.GetInt32(nameof(OpenCase.Revision)) ?? 0));
        }

        return found;
    }

    private static TableEntity ToEntity(OpenCase open)
    {
        var entity = new TableEntity(open.UnitId, open.TicketId)
        {
            [nameof(OpenCase.Status)] = open.Status,
            [nameof(OpenCase.Category)] = open.Category,
            [nameof(OpenCase.Priority)] = open.Priority,
            [nameof(OpenCase.ReceivedAt)] = open.ReceivedAt,
            [nameof(OpenCase.Revision)] = open.Revision,
        };
        if (open.UnitName is { } name)
        {
            entity[nameof(OpenCase.UnitName)] = name;
        }

        if (open.AcknowledgementDueAt is { } ack)
        {
            entity[nameof(OpenCase.AcknowledgementDueAt)] = ack;
        }

        if (open.ResolutionDueAt is { } resolution)
        {
            entity[nameof(OpenCase.ResolutionDueAt)] = resolution;
        }

        if (open.OverdueFrom is { } from)
        {
            entity[nameof(OpenCase.OverdueFrom)] = from;
        }

        return entity;
    }
}
