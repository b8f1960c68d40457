using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Hotline.Cases;
using Hotline.Open311;
using Hotline.Storage;

namespace Hotline.Ledger;

/// <summary>
/// The ledger's rows in order of receipt, read without a scan of cases: day by day from the <see cref="ReceivedDayIndex"/>
/// (one partition per China day), each case by a point read of its key, a chunk at a time with bounded
/// parallelism while the rows of the chunk before are written. What is held at once is one day's ticket ids and two
/// chunks of cases, whatever the range holds.
/// </summary>
public sealed class LedgerReader(HotlineStorage storage, CaseStore cases, TimeProvider time)
{
    /// <summary>Cases read at once: enough to hide storage latency, few enough to leave the instance room.</summary>
    private const int Parallelism = 16;

    private const int ChunkSize = Parallelism * 8;

    public async IAsyncEnumerable<LedgerRow> ReadAsync(LedgerQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = time.GetUtcNow();
        for (var day = query.From; day <= query.To; day = day.AddDays(1))
        {
            var chunks = (await ReceivedOnAsync(day, cancellationToken)).Chunk(ChunkSize).ToList();
            var next = chunks.Count > 0 ? ReadChunkAsync(chunks[0], cancellationToken) : null;
            try
            {
                for (var i = 0; next is not null; i++)
                {
                    var read = await next;
                    next = i + 1 < chunks.Count ? ReadChunkAsync(chunks[i + 1], cancellationToken) : null;
                    foreach (var found in read)
                    {
                        // An index row may point at nothing (it is written before its case).
                        if (found is { } record && query.Includes(record))
                        {
                            yield return LedgerRows.From(record, now);
                        }
                    }
                }
            }
            finally
            {
                // A reader that stops early (the client went away) leaves no read running unobserved.
                if (next is not null)
                {
                    try
                    {
                        await next;
                    }
                    catch (Exception e) when (e is OperationCanceledException or Azure.RequestFailedException)
                    {
                        // Nobody waits for these rows any more.
                    }
                }
            }
        }
    }

    /// <summary>
    /// The tickets of one China day of the <see cref="ReceivedDayIndex"/> (its key scheme: PartitionKey = "yyyyMMdd",
    /// RowKey = ticket id, ReceivedAt), read a page at a time, oldest first (ties by ticket id).
    /// </summary>
    private async Task<string[]> ReceivedOnAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var partition = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var rows = new List<(DateTimeOffset At, string TicketId)>();
        var query = storage.ReceivedDays.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), maxPerPage: 1000, select: ["RowKey", "ReceivedAt"], cancellationToken: cancellationToken);
        await foreach (var page in query.AsPages())
        {
            rows.AddRange(page.Values.Select(r => (r.GetDateTimeOffset("ReceivedAt") ?? default, r.RowKey)));
        }

        rows.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : string.CompareOrdinal(a.TicketId, b.TicketId));
        return [.. rows.Select(r => r.TicketId)];
    }

    private async Task<CaseRecord?[]> ReadChunkAsync(string[] ticketIds, CancellationToken cancellationToken)
    {
        var results = new CaseRecord?[ticketIds.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ticketIds.Length),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = (await cases.GetAsync(ticketIds[i], ct))?.Record);
        return results;
    }
}
