using Hotline.Cases;

namespace Hotline.Open311;

/// <summary>
/// Answers <c>GET requests</c> without scanning cases: the ids given, or the days of the range from the
/// <see cref="ReceivedDayIndex"/>, newest day first, each case read by its key with bounded parallelism, until
/// <see cref="Open311RequestQuery.Limit"/> match.
/// </summary>
public sealed class Open311RequestFinder(ReceivedDayIndex days, CaseStore cases)
{
    /// <summary>Point reads in flight at once: enough to hide storage latency, few enough to leave the instance room.</summary>
    private const int Parallelism = 16;

    public async Task<IReadOnlyList<Open311ServiceRequest>> FindAsync(Open311RequestQuery query, bool english, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.TicketIds is { } ids)
        {
            return [.. (await ReadAsync(ids, english, cancellationToken)).OfType<Open311ServiceRequest>()];
        }

        var found = new List<Open311ServiceRequest>();
        var first = ReceivedDayIndex.ChinaDay(query.From);
        for (var day = ReceivedDayIndex.ChinaDay(query.To); day >= first && found.Count < Open311RequestQuery.Limit; day = day.AddDays(-1))
        {
            var tickets = await days.ReceivedOnAsync(day, query.From, query.To, cancellationToken);

            // A chunk at a time, so a busy day stops being read once the limit is reached.
            foreach (var chunk in tickets.Chunk(Parallelism * 4))
            {
                var read = await ReadAsync(chunk, english, cancellationToken);
                found.AddRange(read.OfType<Open311ServiceRequest>().Where(query.Matches).Take(Open311RequestQuery.Limit - found.Count));
                if (found.Count >= Open311RequestQuery.Limit)
                {
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>The cases in the order of <paramref name="ticketIds"/>; null where none is stored (an index row may point at nothing).</summary>
    private async Task<Open311ServiceRequest?[]> ReadAsync(IReadOnlyList<string> ticketIds, bool english, CancellationToken cancellationToken)
    {
        var results = new Open311ServiceRequest?[ticketIds.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ticketIds.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var stored = await cases.GetAsync(ticketIds[i], ct);
                results[i] = stored is { Record: var record } ? Open311RequestView.From(record, english) : null;
            });
        return results;
    }
}
