using System.Globalization;
using Hotline.Storage;
using Azure;
using Azure.Data.Tables;

namespace Hotline.FollowUp;

/// <summary>
/// The followups table: one row per pending follow-up, keyed by due time, so the sweep reads only the rows that are
/// due (a range query on the RowKey) and its cost grows with what is due, not with how many cases exist.
/// Key scheme: PartitionKey = the kind (<see cref="IFollowUpHandler.Kind"/>); RowKey = "{due UTC ticks, 19 digits}:{subject}"
/// plus ":{stage}" when there is one. The same follow-up scheduled twice is one row.
/// </summary>
public sealed class FollowUpIndex(HotlineStorage storage)
{
    /// <summary>An assigned case's acknowledgement window (签收).</summary>
    public const string AcknowledgementCheck = "ack";

    /// <summary>A received case that should have been routed by then (its routing message may be lost).</summary>
    public const string RoutingCheck = "route";

    public Task ScheduleAsync(string kind, string subject, DateTimeOffset dueAt, CancellationToken cancellationToken, int attempt = 0, string? stage = null) =>
        // Upsert: scheduling the same follow-up twice (a retried routing) leaves one row.
        storage.FollowUps.UpsertEntityAsync(Entity(kind, subject, dueAt, attempt, stage), TableUpdateMode.Replace, cancellationToken);

    /// <summary>The row a follow-up is stored as.</summary>
    internal static TableEntity Entity(string kind, string subject, DateTimeOffset dueAt, int attempt, string? stage)
    {
        var entity = new TableEntity(kind, RowKey(subject, dueAt, stage))
        {
            ["Subject"] = subject,
            ["DueAt"] = dueAt,
            ["Attempt"] = attempt,
        };
        if (stage is not null)
        {
            entity["Stage"] = stage;
        }

        return entity;
    }

    /// <summary>
    /// Schedules several follow-ups of one kind (the stages of one window) in one transaction: they share the kind's
    /// partition, so one request writes them all, or none.
    /// </summary>
    public Task ScheduleAllAsync(string kind, string subject, IEnumerable<(DateTimeOffset DueAt, string? Stage)> followUps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(followUps);
        return ScheduleAllAsync(kind, followUps.Select(f => (subject, f.DueAt, f.Stage)), cancellationToken);
    }

    /// <summary>
    /// Schedules follow-ups of one kind for any subjects, a transaction per hundred (the most one may hold): a bulk
    /// load, such as the benchmark's stored cases, writes a hundred rows a request.
    /// </summary>
    public async Task ScheduleAllAsync(string kind, IEnumerable<(string Subject, DateTimeOffset DueAt, string? Stage)> followUps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(followUps);
        foreach (var chunk in followUps.Chunk(100))
        {
            await storage.FollowUps.SubmitTransactionAsync(
                chunk.Select(f => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(kind, f.Subject, f.DueAt, 0, f.Stage))),
                cancellationToken);
        }
    }

    /// <summary>The follow-ups of <paramref name="kind"/> due by <paramref name="now"/>, earliest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<DueFollowUp>> GetDueAsync(string kind, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var upper = string.Create(CultureInfo.InvariantCulture, $"{now.UtcTicks + 1:D19}");
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {kind} and RowKey lt {upper}");
        var due = new List<DueFollowUp>();
        await foreach (var entity in storage.FollowUps.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            due.Add(FromEntity(entity, now));
            if (due.Count == max)
            {
                break;
            }
        }

        return due;
    }

    public async Task<DueFollowUp?> GetAsync(string kind, string rowKey, CancellationToken cancellationToken)
    {
        var entity = await storage.FollowUps.GetEntityOrNullAsync(kind, rowKey, cancellationToken: cancellationToken);
        return entity is null ? null : FromEntity(entity, default);
    }

    /// <summary>
    /// Claims a due follow-up for one dispatch until <paramref name="until"/>: only one of two sweeps running at once
    /// wins (the ETag), and a dispatch that never finished is claimed again once its claim has run out.
    /// </summary>
    public async Task<bool> TryClaimAsync(DueFollowUp due, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        var claim = new TableEntity(due.Kind, due.RowKey) { ["ClaimedUntil"] = until };
        try
        {
            await storage.FollowUps.UpdateEntityAsync(claim, due.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status404NotFound)
        {
            return false;
        }
    }

    public Task RemoveAsync(DueFollowUp due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        return RemoveAsync(due.Kind, due.RowKey, cancellationToken);
    }

    public async Task RemoveAsync(string kind, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await storage.FollowUps.DeleteEntityAsync(kind, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            // Done by another run already.
        }
    }

    private static DueFollowUp FromEntity(TableEntity entity, DateTimeOffset now) => new(
        entity.PartitionKey,
        entity.RowKey,
        entity.GetString("Subject") ?? "",
        entity.GetString("Stage"),
        entity.GetDateTimeOffset("DueAt") ?? now,
        entity.GetInt32("Attempt") ?? 0,
        entity.GetDateTimeOffset("ClaimedUntil"),
        entity.ETag);

    private static string RowKey(string subject, DateTimeOffset dueAt, string? stage) => stage is null
        ? string.Create(CultureInfo.InvariantCulture, $"{dueAt.UtcTicks:D19}:{subject}")
        : string.Create(CultureInfo.InvariantCulture, $"{dueAt.UtcTicks:D19}:{subject}:{stage}");
}
