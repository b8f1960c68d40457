using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Hotline.FollowUp;
using Hotline.Storage;

namespace Hotline.Benchmarks;

/// <summary>
/// The calls one SweepFollowUps run makes, straight with the SDKs on the same table and queue: for each kind of
/// follow-up, the query for what is due; for each due row, 8 at a time, its claim (a merge under its ETag) and its
/// message. On Azurite these calls themselves grow with what is stored (it answers a query by scanning the whole
/// table, and a claim's write updates indexes the size of the table), so the sweep among 1,000 and among 100,000 is
/// also measured against them.
/// </summary>
internal sealed class RawSweep(HotlineStorage storage, IEnumerable<IFollowUpHandler> handlers)
{
    private readonly string[] _kinds = handlers.Select(h => h.Kind).ToArray();

    /// <summary>The time the last run spent in its queries, one a kind (the rest went to claims and messages).</summary>
    public TimeSpan QueryTime { get; private set; }

    public async Task<int> RunAsync(DateTimeOffset now, TimeSpan claim)
    {
        var upper = string.Create(CultureInfo.InvariantCulture, $"{now.UtcTicks + 1:D19}");
        var dispatched = 0;
        QueryTime = TimeSpan.Zero;
        foreach (var kind in _kinds)
        {
            var due = new List<TableEntity>();
            var querying = Stopwatch.GetTimestamp();
            await foreach (var entity in storage.FollowUps.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {kind} and RowKey lt {upper}"), maxPerPage: 1000))
            {
                due.Add(entity);
            }

            QueryTime += Stopwatch.GetElapsedTime(querying);
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (row, ct) =>
            {
                await storage.FollowUps.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["ClaimedUntil"] = now + claim }, row.ETag, TableUpdateMode.Merge, ct);
                await storage.DueFollowUps.SendMessageAsync($$"""{"kind":"{{row.PartitionKey}}","rowKey":"{{row.RowKey}}"}""", ct);
                Interlocked.Increment(ref dispatched);
            });
        }

        return dispatched;
    }
}
