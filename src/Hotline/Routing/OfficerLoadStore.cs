using Hotline.Storage;
using Azure;
using Azure.Data.Tables;

namespace Hotline.Routing;

/// <summary>
/// Open-case counts per officer, used to give a case to the least-loaded handler. Key scheme: PartitionKey = unit id;
/// RowKey "officer:{id}" holds the count, RowKey "case:{ticket}" marks that a case was counted. Both change in one
/// transaction, so a retried routing never counts a case twice, and the ETag on the count makes concurrent
/// routings to one unit take turns instead of all picking the same officer.
/// </summary>
public sealed class OfficerLoadStore(HotlineStorage storage)
{
    private const string OfficerPrefix = "officer:";
    private const string CasePrefix = "case:";
    private const int MaxAttempts = 50;

    /// <summary>
    /// Gives the case to the least-loaded of <paramref name="handlerIds"/> (ties: lowest id) and counts it, or returns
    /// the officer it was already given to.
    /// </summary>
    public async Task<LoadPick> AssignAsync(string unitId, IReadOnlyCollection<string> handlerIds, string ticketId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handlerIds);
        if (handlerIds.Count == 0)
        {
            throw new ArgumentException("A unit needs an on-duty handler to take a case.", nameof(handlerIds));
        }

        for (var attempt = 1; ; attempt++)
        {
            var marked = await storage.OfficerLoads.GetEntityOrNullAsync(unitId, CasePrefix + ticketId, cancellationToken: cancellationToken);
            if (marked?.GetString("OfficerId") is { } already)
            {
                return new LoadPick(already, null);
            }

            // Only the officer rows: the case markers grow with the cases and are never scanned.
            var counts = new Dictionary<string, (int Count, ETag? ETag)>(StringComparer.Ordinal);
            await foreach (var row in storage.OfficerLoads.QueryAsync<TableEntity>(OfficerRows(unitId), cancellationToken: cancellationToken))
            {
                counts[row.RowKey[OfficerPrefix.Length..]] = (row.GetInt32("OpenCases") ?? 0, row.ETag);
            }

            var chosen = LeastLoaded(handlerIds, counts.ToDictionary(c => c.Key, c => c.Value.Count, StringComparer.Ordinal));
            var (load, loadETag) = counts.GetValueOrDefault(chosen);
            var counter = new TableEntity(unitId, OfficerPrefix + chosen) { ["OpenCases"] = load + 1 };
            var marker = new TableEntity(unitId, CasePrefix + ticketId) { ["OfficerId"] = chosen };
            var countAction = loadETag is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateMerge, counter, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, counter);
            try
            {
                await storage.OfficerLoads.SubmitTransactionAsync([countAction, new TableTransactionAction(TableTransactionActionType.Add, marker)], cancellationToken);
                return new LoadPick(chosen, load);
            }
            catch (RequestFailedException e) when (e.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status409Conflict && attempt < MaxAttempts)
            {
                // Another routing changed the counts (or counted this case) first: read again and choose again.
                await Task.Delay(Random.Shared.Next(5, 20 * Math.Min(attempt, 10)), cancellationToken);
            }
        }
    }

    /// <summary>The handler with the fewest open cases (SPEC "Routing"); a handler missing from the counts has none, ties go to the lowest id.</summary>
    public static string LeastLoaded(IEnumerable<string> handlerIds, IReadOnlyDictionary<string, int> openCasesByOfficer)
    {
        ArgumentNullException.ThrowIfNull(handlerIds);
        ArgumentNullException.ThrowIfNull(openCasesByOfficer);
        return handlerIds
            .OrderBy(id => openCasesByOfficer.GetValueOrDefault(id))
            .ThenBy(id => id, StringComparer.Ordinal)
            .First();
    }

    /// <summary>
    /// Stops counting a case against its officer (resolved, transferred). Removing the marker and decrementing the
    /// count happen together, so releasing twice releases once.
    /// </summary>
    public async Task ReleaseAsync(string unitId, string ticketId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var marked = await storage.OfficerLoads.GetEntityOrNullAsync(unitId, CasePrefix + ticketId, cancellationToken: cancellationToken);
            if (marked?.GetString("OfficerId") is not { } officerId)
            {
                return;
            }

            var counter = await storage.OfficerLoads.GetEntityOrNullAsync(unitId, OfficerPrefix + officerId, cancellationToken: cancellationToken);
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Delete, marked, marked.ETag) };
            if (counter is not null)
            {
                var count = Math.Max(0, (counter.GetInt32("OpenCases") ?? 0) - 1);
                actions.Add(new(TableTransactionActionType.UpdateMerge, new TableEntity(unitId, counter.RowKey) { ["OpenCases"] = count }, counter.ETag));
            }

            try
            {
                await storage.OfficerLoads.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status404NotFound && attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(5, 20 * Math.Min(attempt, 10)), cancellationToken);
            }
        }
    }

    /// <summary>Open-case counts of one unit's officers.</summary>
    public async Task<IReadOnlyDictionary<string, int>> GetCountsAsync(string unitId, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in storage.OfficerLoads.QueryAsync<TableEntity>(OfficerRows(unitId), cancellationToken: cancellationToken))
        {
            counts[row.RowKey[OfficerPrefix.Length..]] = row.GetInt32("OpenCases") ?? 0;
        }

        return counts;
    }

    // "officer;" is the first string after every "officer:…" key (';' follows ':' in ordinal order).
    private static string OfficerRows(string unitId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {unitId} and RowKey ge {OfficerPrefix} and RowKey lt {"officer;"}");
}
