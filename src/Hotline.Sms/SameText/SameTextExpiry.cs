using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;

namespace Hotline.Sms.SameText;

/// <summary>
/// Deletes the smsrecent rows that no longer matter: the partitions of days that ended more than <see cref="Margin"/>
/// ago (<see cref="SameTextKeys"/>). One range query over the partition keys that sort before the first live day, so it
/// reads only what expired, never the live rows; deletes go in transactions of a partition's rows, 100 at a time.
/// </summary>
public sealed class SameTextExpiry(SmsTables tables)
{
    /// <summary>
    /// How long after its day a partition is kept: a send that read it just before midnight (or on a clock a little
    /// behind) has long finished by then.
    /// </summary>
    public static readonly TimeSpan Margin = TimeSpan.FromHours(1);

    /// <summary>A table transaction holds at most 100 operations, all of one partition.</summary>
    private const int MaxBatch = 100;

    /// <summary>The first moment <paramref name="now"/>'s expired partitions include the day before it: its next run.</summary>
    public static DateTimeOffset NextRunAfter(DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + Margin;
        return today > now ? today : today.AddDays(1);
    }

    /// <summary>Deletes at most <paramref name="max"/> expired rows; returns how many went and whether more are left.</summary>
    public async Task<(int Deleted, bool More)> DeleteExpiredAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var before = SameTextKeys.ExpiredBefore(DateOnly.FromDateTime((now - Margin).UtcDateTime));
        var filter = TableClient.CreateQueryFilter($"PartitionKey lt {before}");
        var deleted = 0;
        var batch = new List<TableEntity>(MaxBatch);
        await foreach (var row in tables.Recent.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (deleted + batch.Count == max)
            {
                return (deleted + await DeleteAsync(batch, cancellationToken), true);
            }

            if (batch.Count == MaxBatch || (batch.Count > 0 && batch[0].PartitionKey != row.PartitionKey))
            {
                deleted += await DeleteAsync(batch, cancellationToken);
            }

            batch.Add(row);
        }

        deleted += await DeleteAsync(batch, cancellationToken);
        return (deleted, false);
    }

    /// <summary>Deletes one partition's rows in one transaction; one deleted meanwhile (another run) fails it, so those go one by one.</summary>
    private async Task<int> DeleteAsync(List<TableEntity> rows, CancellationToken cancellationToken)
    {
        var count = rows.Count;
        if (count == 0)
        {
            return 0;
        }

        try
        {
            await tables.Recent.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
        }
        catch (TableTransactionFailedException)
        {
            foreach (var row in rows)
            {
                try
                {
                    await tables.Recent.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
                {
                    // Gone already.
                }
            }
        }

        rows.Clear();
        return count;
    }
}
