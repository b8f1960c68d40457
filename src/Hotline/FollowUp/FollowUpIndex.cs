using System.Globalization;
using Hotline.Storage;
using Azure;
using Azure.Data.Tables;

namespace Hotline.FollowUp;

/// <summary>
/// The followups table: one row per pending check, keyed by due time, so a timer reads only the rows that are
/// due (a range query on the RowKey) and its cost grows with what is due, not with how many cases exist.
/// Key scheme: PartitionKey = the kind of check ("ack"); RowKey = "{due UTC ticks, 19 digits}:{ticket id}".
/// </summary>
public sealed class FollowUpIndex(HotlineStorage storage)
{
    public const string AcknowledgementCheck = "ack";

    /// <summary>A received case that should have been routed by then (its routing message may be lost).</summary>
    public const string RoutingCheck = "route";

    public sealed record DueCheck(string Kind, string RowKey, string TicketId, DateTimeOffset DueAt, int Attempt);

    public Task ScheduleAsync(string kind, string ticketId, DateTimeOffset dueAt, CancellationToken cancellationToken, int attempt = 0)
    {
        var entity = new TableEntity(kind, RowKey(ticketId, dueAt))
        {
            ["TicketId"] = ticketId,
            ["DueAt"] = dueAt,
            ["Attempt"] = attempt,
        };

        // Upsert: scheduling the same check twice (a retried routing) leaves one row.
        return storage.FollowUps.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<DueCheck>> GetDueAsync(string kind, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var upper = string.Create(CultureInfo.InvariantCulture, $"{now.UtcTicks + 1:D19}");
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {kind} and RowKey lt {upper}");
        var due = new List<DueCheck>();
        await foreach (var entity in storage.FollowUps.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            due.Add(new DueCheck(kind, entity.RowKey, entity.GetString("TicketId") ?? "", entity.GetDateTimeOffset("DueAt") ?? now, entity.GetInt32("Attempt") ?? 0));
            if (due.Count == max)
            {
                break;
            }
        }

        return due;
    }

    public Task RemoveAsync(DueCheck check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        return storage.FollowUps.DeleteEntityAsync(check.Kind, check.RowKey, ETag.All, cancellationToken);
    }

    private static string RowKey(string ticketId, DateTimeOffset dueAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{dueAt.UtcTicks:D19}:{ticketId}");
}
